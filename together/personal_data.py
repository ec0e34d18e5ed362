"""The tools for hard moments: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Answer, Goal, GoalChange, JournalEntry, Pause, Question, SelfCarePlan, Step, Win

EXPORTS = (
    Export(
        "questions",
        _("Questions you asked"),
        Question,
        "asked_by",
        ("asked_at", "readiness", "text"),
        order_by=("asked_at", "pk"),
    ),
    Export(
        "answers",
        _("Answers you wrote"),
        Answer,
        "author",
        ("created_at", "text"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "pauses",
        _("Pauses you asked for"),
        Pause,
        "requested_by",
        ("started_at", "ends_at", "ended_at", "reason"),
        order_by=("started_at",),
    ),
    Export(
        "wins",
        _("Wins and appreciations you wrote"),
        Win,
        "author",
        ("created_at", "kind", "text", "thanked_at"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "goal_proposals",
        _("Shared goals you proposed"),
        GoalChange,
        "proposed_by",
        ("created_at", "title", "why", "steps", "outcome"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "journal",
        _("Your journal"),
        JournalEntry,
        "author",
        ("created_at", "text"),
        order_by=("created_at",),
    ),
    Export(
        "self_care_plan",
        _("Your self-care plan"),
        SelfCarePlan,
        "user",
        ("rest", "movement", "people_i_can_talk_to", "my_own_therapy", "updated_at"),
    ),
)

NOT_EXPORTED = {
    Goal: "a shared goal as both partners accepted it belongs to the couple; what each "
    "person proposed for it is exported as their goal proposals",
    Step: "a step of a shared goal, part of the goal both accepted; ticking it off writes nothing",
}


def forget(user) -> None:
    """Nothing to do here: the person's questions (with their answers), answers,
    pauses, wins, goal proposals, journal and self-care plan are deleted with their
    account; shared goals and ticked steps stay with the couple without their name
    (both by on_delete)."""
