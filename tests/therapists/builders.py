"""Builders for the therapist space: real rows through the domain methods."""

from accounts.models import Couple, Membership, User
from therapists.models import Consent, TherapistLink, TherapistProfile


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
