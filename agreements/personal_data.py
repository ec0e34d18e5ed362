"""The agreement: what the export holds and what deletion erases (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .content import SECTIONS
from .models import Acceptance, Agreement, Reaffirmation, ReviewResponse, Version

EXPORTS = (
    Export(
        "agreement_proposals",
        _("Agreement proposals you made"),
        Version,
        "proposed_by",
        (
            "proposed_at",
            "status",
            "number",
            "reason",
            *(section.key for section in SECTIONS),
            "clause_reviews",
        ),
        order_by=("proposed_at", "pk"),
    ),
    Export(
        "agreement_decline_comments",
        _("Your comments when declining a proposal"),
        Version,
        "declined_by",
        ("closed_at", "decline_comment"),
        order_by=("closed_at", "pk"),
    ),
    Export(
        "agreement_acceptances",
        _("Agreement versions you accepted"),
        Acceptance,
        "partner",
        ("version", "accepted_at"),
        order_by=("accepted_at", "pk"),
    ),
    Export(
        "agreement_reviews",
        _("Your monthly agreement reviews"),
        ReviewResponse,
        "partner",
        ("answered_at", "choice", "note", "successes"),
        order_by=("answered_at",),
    ),
    Export(
        "agreement_reaffirmations",
        _("Parts of the agreement you said still felt right"),
        Reaffirmation,
        "partner",
        ("version", "section", "at"),
        order_by=("at", "pk"),
    ),
)

NOT_EXPORTED = {
    Agreement: "the couple's agreement holds no text of its own: its texts are the "
    "versions, exported to whoever proposed them",
}


def forget(user) -> None:
    """The person's proposals that never took effect, their comments when declining
    and their review answers go. Versions in force stay with the couple, and so does
    who accepted them, without the person's name (on_delete sets it to NULL)."""
    Version.objects.filter(proposed_by=user, number__isnull=True).delete()
    Version.objects.filter(declined_by=user).update(decline_comment="")
    ReviewResponse.objects.filter(partner=user).delete()
    Reaffirmation.objects.filter(partner=user).delete()
