"""A transparency agreement per couple, revised and accepted by both, version after version."""

import random
from datetime import datetime, timedelta

from agreements.content import SECTIONS, starter_sections
from agreements.models import Acceptance, Agreement, Version

REASONS = ["We talked about this on Sunday.", "Our therapist suggested it.", "It felt too strict."]


def _times(created: datetime, now: datetime, count: int) -> list[datetime]:
    """Proposal times spread over the couple's history, the last one two weeks ago
    (so no monthly review is due and page views stay read-only)."""
    if now - created > timedelta(days=28):
        end = now - timedelta(days=14)
    else:
        end = now - timedelta(hours=2)
    return [created + (end - created) * (index + 1) / count for index in range(count)]


def build(pairs, week_count: int, per_year: int, now: datetime, rng: random.Random) -> None:
    count = max(1, round(per_year * week_count / 52))
    agreements = Agreement.objects.bulk_create(
        Agreement(couple=pair.couple, created_at=pair.couple.created_at) for pair in pairs
    )
    texts = [starter_sections() for _ in pairs]
    times = [_times(pair.couple.created_at, now, count) for pair in pairs]
    current: list[Version | None] = [None] * len(pairs)
    acceptances = []
    for number in range(1, count + 1):
        key = SECTIONS[number % len(SECTIONS)].key
        rows = []
        for index, (agreement, pair) in enumerate(zip(agreements, pairs, strict=True)):
            texts[index][key] += f"\n- Revision {number}: we look at this together on Sundays."
            proposer = pair.hurt if number % 2 else pair.involved
            proposed = times[index][number - 1]
            rows.append(
                Version(
                    agreement=agreement,
                    number=number,
                    based_on=current[index],
                    reason=rng.choice(REASONS),
                    proposed_by=proposer,
                    proposed_at=proposed,
                    status=Version.Status.ACCEPTED,
                    closed_at=proposed + timedelta(hours=1),
                    took_effect_at=proposed + timedelta(hours=1),
                    **texts[index],
                )
            )
        current = Version.objects.bulk_create(rows)
        for version, pair in zip(current, pairs, strict=True):
            for partner in (pair.hurt, pair.involved):
                accepted = version.proposed_at
                if partner != version.proposed_by:
                    accepted = version.took_effect_at
                acceptances.append(
                    Acceptance(version=version, partner=partner, accepted_at=accepted)
                )
    Acceptance.objects.bulk_create(acceptances, batch_size=5000)
    for agreement, version in zip(agreements, current, strict=True):
        agreement.current_version = version
    Agreement.objects.bulk_update(agreements, ["current_version"])
