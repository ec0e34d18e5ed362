"""Practice and the session agenda: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Agenda, AgendaItem, Practice, PracticeMark

EXPORTS = (
    Export(
        "practice_marks",
        _("How you marked your therapist's practices"),
        PracticeMark,
        "person",
        ("practice__due_week", "practice__exercise", "outcome", "line", "line_shared", "marked_at"),
        order_by=("marked_at", "pk"),
    ),
    Export(
        "agenda_items",
        _("What you put on the agenda of a session"),
        AgendaItem,
        "author",
        ("created_at", "about", "text", "shared_with_partner"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "practices_written",
        _("Practices you wrote as a therapist"),
        Practice,
        "therapist",
        ("created_at", "due_week", "for_whom", "exercise", "text"),
        order_by=("created_at", "pk"),
        therapists_only=True,
    ),
    Export(
        "agenda_notes",
        _("Notes you wrote closing a session agenda"),
        Agenda,
        "closed_by",
        ("closed_at", "note"),
        order_by=("closed_at", "pk"),
        therapists_only=True,
    ),
)

NOT_EXPORTED: dict = {}


def forget(user) -> None:
    """Nothing to do here: a person's marks and agenda items are deleted with their
    account; a practice or an agenda note a therapist wrote stays with the couple it
    was written for, without the therapist's name (all by on_delete)."""
