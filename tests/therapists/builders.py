"""Builders for the therapist space: real rows through the domain methods."""

from datetime import timedelta

from accounts.models import Couple, Membership, User
from agreements.models import Acceptance, Agreement, Version
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing.models import ReadinessReport
from therapists.models import Consent, TherapistLink, TherapistProfile
from triggers.models import Trigger


def make_profile(user: User, practice: str = "Harbour Couples Therapy") -> TherapistProfile:
    return TherapistProfile.set_up(user, practice)


def membership_of(user: User) -> Membership:
    return Membership.objects.active().get(user=user)


def link(couple: Couple, therapist: User, *consenting: User) -> TherapistLink:
    """Link `therapist` to `couple`, with consent from each user in `consenting`."""
    inviter = couple.memberships.active().first()
    therapist_link = TherapistLink.invite(inviter, therapist=therapist)
    for user in consenting:
        Consent.give(therapist_link, membership_of(user))
    return therapist_link


# --- Progress rows, written directly so a test controls every date and number ----------


def kept_week(couple: Couple, week_start, ratings: dict[User, tuple[int, int, int, int]]):
    """A check-in both partners shared: (safety, trust, connection, hope) per partner."""
    revealed = weeks.week_starts_at(week_start, couple.zone) + timedelta(days=6, hours=20)
    checkin = CheckIn.objects.create(couple=couple, week_start=week_start, revealed_at=revealed)
    for author, (safety, trust, connection, hope) in ratings.items():
        Answer.objects.create(
            checkin=checkin,
            author=author,
            safety=safety,
            trust=trust,
            connection=connection,
            hope=hope,
            submitted_at=revealed,
        )
    return checkin


def trigger(couple: Couple, author: User, when, intensity: int, sharing="share_now", **extra):
    return Trigger.objects.create(
        couple=couple,
        author=author,
        occurred_at=when,
        category="memory",
        intensity=intensity,
        sharing=sharing,
        shared_at=when if sharing == "share_now" else None,
        **extra,
    )


def readiness(couple: Couple, author: User, when, value: int, note: str = ""):
    role = Membership.objects.active().get(user=author).role
    return ReadinessReport.objects.create(
        couple=couple,
        author=author,
        role=role,
        created_at=when,
        closeness_safety=value,
        body_settled=value,
        note=note,
    )


def agreement_in_force(couple: Couple, took_effect, proposer: User, acceptor: User):
    agreement = Agreement.objects.create(couple=couple)
    version = Version.objects.create(
        agreement=agreement,
        number=1,
        digital="Phones stay face up when we are together.",
        proposed_by=proposer,
        proposed_at=took_effect,
        status=Version.Status.ACCEPTED,
        took_effect_at=took_effect,
        closed_at=took_effect,
    )
    Acceptance.objects.create(version=version, partner=proposer, accepted_at=took_effect)
    Acceptance.objects.create(version=version, partner=acceptor, accepted_at=took_effect)
    agreement.current_version = version
    agreement.save(update_fields=["current_version"])
    return agreement
