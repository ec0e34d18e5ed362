"""Forgiveness: what the export holds and what deletion does (see
recovery/personal_data.py). Only the hurt partner who wrote here has these sections:
anyone else's copy has no trace of the space, not even an empty heading."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Message, Reflection

EXPORTS = (
    Export(
        "forgiveness_reflections",
        _("Your reflections on forgiveness"),
        Reflection,
        "author",
        ("created_at", "prompt", "text"),
        order_by=("created_at", "pk"),
        only_when_written=True,
    ),
    Export(
        "forgiveness_messages",
        _("Your messages about forgiveness"),
        Message,
        "author",
        ("created_at", "text", "shared_at"),
        order_by=("created_at", "pk"),
        only_when_written=True,
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: the person's reflections and messages are deleted with their
    account (by on_delete), shared ones included: what they wrote is theirs to take."""
