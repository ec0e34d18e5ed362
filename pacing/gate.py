"""The pacing gate: which exercise tier is open for a couple.

A pure function of the readiness reports, the couple's policy and the time. No
Django here, so each rule can be checked with property-based tests
(tests/pacing/test_gate_properties.py). The rules, from the product design:

- The hurt partner's reports drive the gate up; the involved partner's reports
  can only hold it back or lower it.
- Up one tier at a time, at a hurt partner's report, when readiness has held at or
  above the next tier's threshold from an earlier hurt report at least
  ``min_span_days`` before it, with no report (of either partner) below that
  threshold in between; the involved partner's latest report is at or above it
  too; and at least ``min_span_days`` have passed since the last rise.
- Down at once: any report below the open tier's threshold lowers the tier to the
  level that report supports.
- A false-connection hold (either partner said "often" to rushing toward
  closeness, to pressure to forgive or move on, or to saying things were fine when
  they were not) counts like a report just below the open tier's threshold (below
  tier 1's at tier 0): it lowers the tier at once and restarts the count towards
  the next one, and it never counts as readiness for going up.
- A therapist's ceiling caps the result; it never raises it.

Days are counted as calendar days in the couple's time zone ("a week later" is
the same weekday, whatever the clock says or daylight saving does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

HURT = "hurt"
INVOLVED = "involved"
TOP_TIER = 4
MAX_READINESS = 10
DEFAULT_THRESHOLDS = (3, 5, 7, 8)


class Reason(StrEnum):
    NO_REPORTS = "no_reports"  # nothing reported yet
    STEADY = "steady"  # holding; the next tier opens once readiness holds over time
    SLOWED = "slowed"  # the most recent change was a step down
    CEILING = "ceiling"  # the therapist's ceiling holds the tier here
    ALL_OPEN = "all_open"  # every tier is open


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("The gate needs timezone-aware datetimes.")


@dataclass(frozen=True)
class Report:
    when: datetime
    by: str
    readiness: int

    def __post_init__(self):
        _require_aware(self.when)
        if self.by not in (HURT, INVOLVED):
            raise ValueError(f"A report is by {HURT!r} or {INVOLVED!r}, not {self.by!r}.")
        if not 0 <= self.readiness <= MAX_READINESS:
            raise ValueError("Readiness is between 0 and 10.")

    @classmethod
    def from_answers(cls, when: datetime, by: str, *answers: int) -> Report:
        """A report is only as ready as its least ready answer."""
        return cls(when=when, by=by, readiness=min(answers))


@dataclass(frozen=True)
class Hold:
    """A false-connection check that holds the pace back. It carries no numbers: it
    can only lower the tier or restart the count, never open anything."""

    when: datetime
    by: str

    def __post_init__(self):
        _require_aware(self.when)
        if self.by not in (HURT, INVOLVED):
            raise ValueError(f"A hold is by {HURT!r} or {INVOLVED!r}, not {self.by!r}.")


@dataclass(frozen=True)
class Policy:
    thresholds: tuple[int, ...] = DEFAULT_THRESHOLDS  # readiness that opens tiers 1..4
    min_span_days: int = 7
    ceiling: int | None = None
    zone: tzinfo = UTC

    def __post_init__(self):
        if len(self.thresholds) != TOP_TIER:
            raise ValueError("A policy has one threshold for each of tiers 1 to 4.")
        if any(not 0 <= t <= MAX_READINESS for t in self.thresholds):
            raise ValueError("Thresholds are between 0 and 10.")
        if list(self.thresholds) != sorted(self.thresholds):
            raise ValueError("A higher tier never has a lower threshold.")
        if self.min_span_days < 1:
            raise ValueError("Going up needs a span of at least one day.")
        if self.ceiling is not None and not 0 <= self.ceiling <= TOP_TIER:
            raise ValueError("A ceiling is a tier from 0 to 4.")

    def level(self, readiness: int) -> int:
        """The highest tier this readiness supports on its own."""
        return sum(1 for threshold in self.thresholds if readiness >= threshold)

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


@dataclass(frozen=True)
class GateResult:
    tier: int
    reason: Reason

    def opens(self, tier: int) -> bool:
        """Whether exercises of this tier are open (`ExerciseQuerySet.within` in SQL)."""
        return tier <= self.tier


def open_tier(reports: Iterable[Report | Hold], policy: Policy, now: datetime) -> GateResult:
    """The tier open at ``now``: replay the reports (and holds) made up to then, in
    time order."""
    _require_aware(now)
    known = sorted((r for r in reports if r.when <= now), key=lambda r: r.when)
    if not any(isinstance(r, Report) for r in known):
        return GateResult(0, Reason.NO_REPORTS)
    replay = _Replay(policy)
    # Reports made at the same instant act together, so their order never matters.
    for _, group in groupby(known, key=lambda r: r.when):
        replay.step(list(group))
    if policy.ceiling is not None and policy.ceiling < replay.tier:
        return GateResult(policy.ceiling, Reason.CEILING)
    if replay.tier == TOP_TIER:
        return GateResult(TOP_TIER, Reason.ALL_OPEN)
    return GateResult(replay.tier, Reason.SLOWED if replay.slowed else Reason.STEADY)


class _Replay:
    def __init__(self, policy: Policy):
        self.policy = policy
        self.tier = 0
        self.slowed = False
        self.last_rise: date | None = None
        # For each tier 1..4: the day of the first hurt report of the current run
        # of reports at or above its threshold (None: no run going).
        self.run_start: list[date | None] = [None] * TOP_TIER
        self.involved_level = TOP_TIER  # no involved report yet: no limit

    def step(self, group: list[Report | Hold]) -> None:
        policy = self.policy
        day = policy.day(group[0].when)
        reports = [r for r in group if isinstance(r, Report)]
        values = [r.readiness for r in reports]
        if len(reports) < len(group):
            values.append(self._just_below())
        lowest = min(values)
        if policy.level(lowest) < self.tier:
            self.tier = policy.level(lowest)
            self.slowed = True
        involved = [r.readiness for r in reports if r.by == INVOLVED]
        if involved:
            self.involved_level = policy.level(min(involved))
        by_hurt = any(r.by == HURT for r in reports)
        for index, threshold in enumerate(policy.thresholds):
            if lowest < threshold:
                self.run_start[index] = None
            elif self.run_start[index] is None and by_hurt:
                self.run_start[index] = day
        if by_hurt and self._may_rise(day):
            self.tier += 1
            self.last_rise = day
            self.slowed = False

    def _just_below(self) -> int:
        """What a hold counts as: a readiness one below the open tier's threshold
        (tier 1's while nothing is open), as low as a report can be when that
        threshold is 0 (nothing is below it)."""
        return max(self.policy.thresholds[max(self.tier, 1) - 1] - 1, 0)

    def _may_rise(self, day: date) -> bool:
        if self.tier >= TOP_TIER:
            return False
        span = self.policy.min_span_days
        start = self.run_start[self.tier]  # the run for tier + 1
        return (
            start is not None
            and (day - start).days >= span
            and self.involved_level > self.tier
            and (self.last_rise is None or (day - self.last_rise).days >= span)
        )
