"""Pacing and exercises: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import (
    ExerciseSession,
    FalseConnectionCheck,
    PacingPolicy,
    ReadinessReport,
    Reflection,
)

EXPORTS = (
    Export(
        "readiness_reports",
        _("Your readiness checks"),
        ReadinessReport,
        "author",
        ("created_at", "closeness_safety", "body_settled", "note"),
        order_by=("created_at",),
    ),
    Export(
        "false_connection_checks",
        _("Your “Lately, have I…” checks"),
        FalseConnectionCheck,
        "author",
        ("created_at", "rushed", "said_fine", "avoided", "pressured", "affection"),
        order_by=("created_at",),
    ),
    Export(
        "reflections",
        _("Your reflections after exercises"),
        Reflection,
        "author",
        ("session__exercise", "created_at", "safety", "noticed"),
        order_by=("created_at",),
    ),
)

NOT_EXPORTED = {
    PacingPolicy: "the couple's thresholds and a therapist's ceiling, set by staff or "
    "the therapist, not by a partner",
    ExerciseSession: "which exercise the couple did together, and when: a shared record "
    "with nothing written in it; each person's reflection on it is exported",
}


def forget(user) -> None:
    """Nothing to do here: the person's readiness checks, false-connection checks and
    reflections are deleted with their account, and the exercises done together stay
    with the couple without their name (both by on_delete)."""
