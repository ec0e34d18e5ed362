"""A large, realistic dataset for the benchmark, built with bulk inserts.

Each app's rows come from its own module here (``bench.seed.checkins`` ...), so the
query-budget tests build small and long histories with exactly the same code.
Everything is written in chunks of couples, inside one transaction: an interrupted
seed leaves nothing behind, and a finished one is marked so the next run reuses it.
"""

import random
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User

from . import accounts, agreements, checkins, pacing, repair, therapists, together, triggers
from .accounts import Pair

# Bump when the shape of the dataset changes: an older dataset is then rebuilt.
VERSION = 2
MARKER_EMAIL = f"seed-complete-v{VERSION}@bench.invalid"
CHUNK = 100  # couples written per round: bounded memory, few round trips


@dataclass(frozen=True)
class Scale:
    couples: int = 2000
    weeks: int = 52
    triggers_per_year: int = 300
    versions_per_year: int = 20
    therapists: int = 50
    couples_per_therapist: int = 40


def is_seeded() -> bool:
    return User.objects.filter(email=MARKER_EMAIL).exists()


def build_history(pairs: list[Pair], scale: Scale, now: datetime, rng: random.Random) -> None:
    """Every app's history for these couples (already created with ``weeks`` of age)."""
    checkins.build(pairs, scale.weeks, now, rng)
    triggers.build(pairs, scale.weeks, scale.triggers_per_year, now, rng)
    agreements.build(pairs, scale.weeks, scale.versions_per_year, now, rng)
    pacing.build(pairs, scale.weeks, now, rng)
    together.build(pairs, scale.weeks, now, rng)
    repair.build(pairs, scale.weeks, now, rng)


def seed(scale: Scale = Scale(), log=print) -> None:
    now = timezone.now()
    rng = random.Random(2026)
    started = time.monotonic()
    password = accounts.shared_password_hash()
    with transaction.atomic():
        linked: list[Pair] = []
        for first in range(0, scale.couples, CHUNK):
            count = min(CHUNK, scale.couples - first)
            pairs = accounts.make_pairs(count, scale.weeks, now, rng, password, start=first)
            build_history(pairs, scale, now, rng)
            linked.extend(pairs)
            log(f"  {first + count}/{scale.couples} couples ({time.monotonic() - started:.0f}s)")
        therapists.build(linked, scale.therapists, scale.couples_per_therapist, now, rng, password)
        User.objects.create(email=MARKER_EMAIL, is_active=False, password="!")
    # Fresh statistics, so the planner sees the real table sizes from the first request.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"Seeded in {time.monotonic() - started:.0f}s")
