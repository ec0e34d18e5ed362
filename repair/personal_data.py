"""Repairs: what the export holds and what deletion does (see recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import PlanChange, Repair, RepairSide

EXPORTS = (
    Export(
        "repairs_started",
        _("Repairs you started"),
        Repair,
        "started_by",
        ("origin", "started_at", "withdrawn_at", "completed_at"),
        order_by=("started_at", "pk"),
    ),
    Export(
        "repair_sides",
        _("Your side of each repair"),
        RepairSide,
        "author",
        (
            "repair__started_at",
            "feelings",
            "feelings_words",
            "what_it_was_like",
            "heard",
            "understood",
            "understood_note",
            "my_part",
            "next_time",
            "need",
            "submitted_at",
        ),
        order_by=("repair__started_at", "pk"),
    ),
    Export(
        "repair_plans",
        _("Plans you proposed after a repair"),
        PlanChange,
        "proposed_by",
        ("created_at", "steps", "outcome"),
        order_by=("created_at", "pk"),
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: the person's sides and plan proposals are deleted with their
    account; a repair they started stays with the couple without their name, with the
    plan both agreed (both by on_delete)."""
