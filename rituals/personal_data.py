"""Rituals and the curiosity deck: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import CardAnswer, Draw, Favourite, Feeling, Mark, Reminder, Ritual

EXPORTS = (
    Export(
        "rituals_suggested",
        _("Rituals you suggested"),
        Ritual,
        "proposed_by",
        ("title", "exercise", "rhythm", "days", "at_time", "timezone", "starts_on", "status"),
        order_by=("proposed_at", "pk"),
    ),
    Export(
        "ritual_marks",
        _("What you marked for your rituals"),
        Mark,
        "person",
        ("ritual__title", "ritual__exercise", "occurrence", "outcome", "marked_at"),
        order_by=("occurrence", "pk"),
    ),
    Export(
        "ritual_feelings",
        _("How your rituals felt (only you saw this)"),
        Feeling,
        "author",
        ("occurrence", "felt", "line"),
        order_by=("occurrence", "pk"),
    ),
    Export(
        "ritual_reminders",
        _("Reminders you chose for your rituals"),
        Reminder,
        "person",
        ("ritual__title", "ritual__exercise", "lead_minutes", "created_at"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "card_answers",
        _("Your answers to the curiosity cards"),
        CardAnswer,
        "author",
        ("card", "text", "shared", "written_at"),
        order_by=("written_at", "pk"),
    ),
    Export(
        "favourite_cards",
        _("Curiosity cards you kept"),
        Favourite,
        "kept_by",
        ("card", "kept_at"),
        order_by=("kept_at", "pk"),
    ),
)

NOT_EXPORTED = {
    Draw: "which card was drawn when: no words of anyone's, and the couple's together",
}


def forget(user) -> None:
    """Nothing to do here: the person's marks, private feelings and answers are deleted
    with their account; a ritual they suggested, and the cards they drew or kept, stay
    with the couple without their name (all by on_delete)."""
