"""The trigger log: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Reassurance, Trigger

EXPORTS = (
    Export(
        "triggers",
        _("Your trigger log"),
        Trigger,
        "author",
        (
            "occurred_at",
            "category",
            "intensity",
            "sharing",
            "what_happened",
            "body_response",
            "what_helped",
        ),
        order_by=("occurred_at", "pk"),
    ),
    Export(
        "reassurances",
        _("Reassurances you wrote"),
        Reassurance,
        "author",
        ("created_at", "text"),
        order_by=("created_at", "pk"),
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: the person's entries (with the reassurances written to them)
    and the reassurances they wrote are deleted with their account (on_delete)."""
