"""A person's notices in their copy: what the app told them, and when (never words)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Notice

EXPORTS = (
    Export(
        "notices",
        _("What the app told you"),
        Notice,
        "recipient",
        ("kind", "created_at", "read_at"),
        order_by=("created_at",),
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: a person's notices are deleted with their account."""
