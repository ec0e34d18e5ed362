"""The therapist space: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import (
    AuditEntry,
    Consent,
    CsiResponse,
    ExerciseSuggestion,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
)

EXPORTS = (
    Export(
        "csi",
        _("Your relationship questionnaires (CSI-4)"),
        CsiResponse,
        "partner",
        ("period", "happiness", "warmth", "rewarding", "satisfaction", "total"),
        order_by=("period",),
    ),
    Export(
        "therapist_consents",
        _("Your consents to a therapist"),
        Consent,
        "partner",
        ("given_at", "revoked_at"),
        order_by=("given_at",),
    ),
    Export(
        "couple_labels",
        _("Your labels for the couples you follow"),
        TherapistLink,
        "therapist",
        ("label",),
        therapists_only=True,
    ),
    Export(
        "therapist_profile",
        _("Your practice"),
        TherapistProfile,
        "user",
        ("practice_name", "licence_type", "licence", "jurisdiction", "verified_at"),
        therapists_only=True,
    ),
    Export(
        "therapist_notes",
        _("Notes you wrote as a therapist"),
        TherapistNote,
        "therapist",
        ("created_at", "visibility", "text"),
        order_by=("created_at",),
        therapists_only=True,
    ),
    Export(
        "therapist_suggestions",
        _("Exercises you suggested"),
        ExerciseSuggestion,
        "therapist",
        ("exercise", "created_at", "note"),
        order_by=("created_at",),
        therapists_only=True,
    ),
)

NOT_EXPORTED = {
    AuditEntry: "the couple's record of when a therapist opened their space: what the "
    "therapist looked at, not what anyone wrote",
}

# Rows that keep a deleted person's id on purpose: the couple's append-only record of
# which therapist looked at their space, and when, keeps the therapist's name, so the
# partners keep their right to know who looked.
KEPT_REFERENCES = {("therapists.AuditEntry", "therapist")}


def forget(user) -> None:
    """A therapist's links end first, so their pace ceiling for each couple goes with
    them; the person's consents and questionnaires, and a therapist's practice, notes,
    suggestions and links, are then deleted with their account (on_delete); the audit
    trail keeps the therapist (KEPT_REFERENCES)."""
    TherapistLink.end_all_for(user)
