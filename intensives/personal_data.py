"""Intensives: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Intensive, Step

EXPORTS = (
    Export(
        "intensive_steps_done",
        _("Steps of an intensive you marked as done"),
        Step,
        "completed_by",
        ("intensive__starts_on", "kind", "exercise", "opens_at", "completed_at"),
        order_by=("completed_at", "pk"),
    ),
    Export(
        "intensives_planned",
        _("Intensives you planned as a therapist"),
        Intensive,
        "therapist",
        ("created_at", "starts_on", "ends_on"),
        order_by=("created_at", "pk"),
        therapists_only=True,
    ),
    Export(
        "intensive_steps_written",
        _("Steps you wrote for an intensive as a therapist"),
        Step,
        "written_by",
        ("opens_at", "closes_at", "kind", "exercise", "title", "prompt", "turn_minutes", "rounds"),
        order_by=("opens_at", "pk"),
        therapists_only=True,
    ),
)

NOT_EXPORTED: dict = {}


def forget(user) -> None:
    """Nothing to do here: an intensive and its steps stay with the couple they were
    planned for, without the therapist's name, and a step marked done no longer says
    by whom (all by on_delete). Nothing said in a conversation was ever stored."""
