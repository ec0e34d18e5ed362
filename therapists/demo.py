"""Demo: Dr. Morgan Lee follows Sam and Alex, with both partners' consent."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Membership, Role, User

from . import csi
from .models import (
    AuditAction,
    AuditEntry,
    Consent,
    CsiResponse,
    NoteVisibility,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
)

NOTE_FOR_COUPLE = (
    "Thank you both for Tuesday. Until we meet again, try the ten-minute evening check-in "
    "three times, even if it feels awkward at first. Sam, when a memory washes over you, "
    "naming it out loud is enough. Alex, your only job in that moment is to listen and stay "
    "close. Small and steady is the whole plan."
)
PRIVATE_NOTE = (
    "Sam's safety ratings have been steadier since the agreement revision. Alex still moves "
    "to explaining when Sam is activated; keep practising reflective listening in session. "
    "Leave the pace of physical closeness to Sam."
)
# Four months of CSI-4 answers, oldest first: (happiness, warmth, rewarding, satisfaction).
CSI_ANSWERS = {
    Role.HURT: [(1, 2, 2, 2), (2, 2, 2, 3), (3, 3, 2, 3), (3, 3, 3, 4)],
    Role.INVOLVED: [(3, 3, 3, 3), (3, 3, 3, 3), (3, 4, 3, 4), (4, 4, 4, 4)],
}


def seed(people: dict[str, User]) -> None:
    therapist = people["therapist"]
    if not TherapistProfile.objects.filter(user=therapist).exists():
        TherapistProfile.set_up(therapist, "Harbour Couples Therapy", "UKCP 0123456")
    hurt = Membership.objects.active().select_related("couple").get(user=people["hurt"])
    couple = hurt.couple
    link = TherapistLink.objects.open().filter(couple=couple).first()
    if link is None:
        link = TherapistLink.invite(hurt, therapist=therapist)
    now = timezone.now()
    members = list(couple.memberships.active().select_related("user"))
    for days_ago, membership in zip((42, 41), members, strict=False):
        if not link.consents.active().filter(partner=membership.user).exists():
            Consent.objects.create(
                link=link, partner=membership.user, given_at=now - timedelta(days=days_ago)
            )
    if not TherapistNote.objects.filter(couple=couple).exists():
        TherapistNote.objects.create(
            couple=couple,
            therapist=therapist,
            text=NOTE_FOR_COUPLE,
            visibility=NoteVisibility.COUPLE,
            created_at=now - timedelta(days=5),
        )
        TherapistNote.objects.create(
            couple=couple,
            therapist=therapist,
            text=PRIVATE_NOTE,
            visibility=NoteVisibility.PRIVATE,
            created_at=now - timedelta(days=5),
        )
    _seed_csi(couple, members, now)
    if not AuditEntry.objects.filter(couple=couple).exists():
        AuditEntry.objects.bulk_create(
            AuditEntry(
                therapist=therapist,
                therapist_name=str(therapist),
                couple=couple,
                action=AuditAction.VIEW_COUPLE,
                path=f"/therapists/couples/{couple.pk}/",
                created_at=now - timedelta(days=days_ago, hours=3),
            )
            for days_ago in (19, 12, 5)
        )


def _seed_csi(couple, members, now) -> None:
    today = now.astimezone(couple.zone).date()
    months = [today.replace(day=1)]
    for _ in range(3):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    for membership in members:
        for month, answers in zip(months, CSI_ANSWERS[membership.role], strict=True):
            values = dict(zip(csi.FIELDS, answers, strict=True))
            answered_at = datetime(month.year, month.month, 2, 20, tzinfo=couple.zone)
            CsiResponse.objects.get_or_create(
                couple=couple,
                partner=membership.user,
                period=csi.period_of(month),
                defaults={
                    **values,
                    "total": csi.score(values),
                    "answered_at": min(answered_at, now),
                },
            )
