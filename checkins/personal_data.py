"""Check-ins: what the export holds and what deletion does (see recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Answer, CheckIn

EXPORTS = (
    Export(
        "checkin_answers",
        _("Your check-in answers"),
        Answer,
        "author",
        (
            "checkin__week_start",
            "submitted_at",
            "safety",
            "trust",
            "connection",
            "hope",
            "triggers_text",
            "boundaries_text",
            "win_text",
            "need_text",
            "expected_heads_up",
        ),
        order_by=("checkin__week_start",),
    ),
    Export(
        "checkin_joint_notes",
        _("Check-in joint notes you last changed"),
        CheckIn,
        "shared_updated_by",
        ("week_start", "joint_note", "next_step"),
        order_by=("week_start",),
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: the person's answers are deleted with their account, and
    the joint notes stay with the couple without their name (both by on_delete)."""
