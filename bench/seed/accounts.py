"""People and couple spaces for the benchmark: two verified partners per couple."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import Couple, Membership, Role, User
from bench.people import PASSWORD, email_for
from checkins import weeks

ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"]
NAMES = ["Sam", "Alex", "Robin", "Jamie", "Kim", "Noor", "Ari", "Charlie", "Dani", "Eli"]


@dataclass(frozen=True)
class Pair:
    couple: Couple
    hurt: User
    involved: User


def shared_password_hash() -> str:
    """One real hash for every bench account: hashing once keeps seeding fast, and
    logging in by hand as a bench person still works the normal way."""
    return make_password(PASSWORD)


def make_users(emails: list[str], password: str, zones: list[str], **extra) -> list[User]:
    users = User.objects.bulk_create(
        User(
            email=email,
            display_name=NAMES[number % len(NAMES)],
            timezone=zone,
            password=password,
            **extra,
        )
        for number, (email, zone) in enumerate(zip(emails, zones, strict=True))
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


def started_at(week_count: int, zone, now: datetime) -> datetime:
    """Early on the Monday `week_count` weeks back (this week counts as one)."""
    first = weeks.week_start_for(now, zone) - weeks.WEEK * (week_count - 1)
    return min(weeks.local_midnight(first, zone) + timedelta(hours=1), now - timedelta(minutes=5))


def make_pairs(
    count: int,
    week_count: int,
    now: datetime,
    rng: random.Random,
    password: str,
    start: int = 0,
    prefix: str = "",
) -> list[Pair]:
    indexes = range(start + 1, start + count + 1)
    zones = [rng.choice(ZONES) for _ in indexes]
    hurt = make_users([email_for("hurt", i, prefix) for i in indexes], password, zones)
    involved = make_users([email_for("involved", i, prefix) for i in indexes], password, zones)
    couples = Couple.objects.bulk_create(
        Couple(timezone=zone, created_at=started_at(week_count, Couple(timezone=zone).zone, now))
        for zone in zones
    )
    Membership.objects.bulk_create(
        Membership(couple=couple, user=user, role=role, joined_at=couple.created_at)
        for couple, h, i in zip(couples, hurt, involved, strict=True)
        for user, role in ((h, Role.HURT), (i, Role.INVOLVED))
    )
    return [Pair(c, h, i) for c, h, i in zip(couples, hurt, involved, strict=True)]
