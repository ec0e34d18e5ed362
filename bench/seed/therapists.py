"""Therapists, each following a share of the couples with both partners' consent.

Each bench therapist has an authenticator app set up, as production requires
(THERAPIST_MFA_REQUIRED), so the bench measures the same path a real therapist takes.
"""

import random
from datetime import datetime, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from accounts.models import User
from bench.people import email_for
from therapists import codes
from therapists.models import Consent, TherapistLink, TherapistProfile

from .accounts import make_users


def _codes(count: int, rng: random.Random) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(codes.ALPHABET) for _ in range(codes.LENGTH)))
    return sorted(found)


def build(
    pairs,
    count: int,
    per_therapist: int,
    now: datetime,
    rng: random.Random,
    password: str,
    prefix: str = "",
) -> list[User]:
    emails = [email_for("therapist", index, prefix) for index in range(1, count + 1)]
    therapists = make_users(emails, password, ["UTC"] * count, is_therapist=True)
    TherapistProfile.objects.bulk_create(
        TherapistProfile(user=user, practice_name=f"Practice {user.pk}", code=code)
        for user, code in zip(therapists, _codes(count, rng), strict=True)
    )
    Authenticator.objects.bulk_create(
        Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt("B" * 32)})
        for user in therapists
    )
    followed = [
        (therapist, pair)
        for number, therapist in enumerate(therapists)
        for pair in pairs[number * per_therapist : (number + 1) * per_therapist]
    ]
    links = TherapistLink.objects.bulk_create(
        TherapistLink(
            couple=pair.couple,
            therapist=therapist,
            invited_by=pair.hurt,
            invited_at=pair.couple.created_at + timedelta(days=1),
        )
        for therapist, pair in followed
    )
    Consent.objects.bulk_create(
        Consent(link=link, partner=partner, given_at=link.invited_at + timedelta(hours=hours))
        for link, (_therapist, pair) in zip(links, followed, strict=True)
        for partner, hours in ((pair.hurt, 1), (pair.involved, rng.randint(2, 48)))
    )
    return therapists
