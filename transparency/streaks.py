"""Transparent weeks: evidence of consistency, celebrated and never counted against.

A week counts as transparent when the involved partner shared that week's plans (if
the couple share plans) and the hurt partner, in that week's check-in, did not say
something happened they had expected a heads-up about. The hurt partner's answer is
sealed like the rest of the check-in, so only revealed check-ins are read: a week
whose check-in is not revealed yet is simply not counted (yet), and a missed week is
never shown as anything; the run counts back from the weeks not over yet.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from accounts.models import Couple, Role
from checkins import weeks
from checkins.models import Answer, ExpectedHeadsUp

from .models import PlanHabit, WeekPlan

LOOKBACK = timedelta(weeks=104)
# This week and last week: a check-in stays open for late answers for a week.
OPEN_WEEKS = 1 + weeks.LATE_WEEKS


@dataclass(frozen=True)
class WeekEvidence:
    plans_shared: bool = False  # the involved partner shared plans for the week
    revealed: bool = False  # the week's check-in was revealed
    expected_heads_up: str = ""  # the hurt partner's answer, as revealed


def is_transparent(week: WeekEvidence, plans_on: bool) -> bool:
    """THE rule, as a pure function of one week's evidence."""
    if not week.revealed or week.expected_heads_up == ExpectedHeadsUp.YES:
        return False
    return week.plans_shared or not plans_on


def transparent_run(kept: set[date], this_week: date) -> int:
    """Transparent weeks in a row, counted back from the weeks not over yet."""
    return weeks.streak(kept, this_week, open_weeks=OPEN_WEEKS)


def evidence_for(couple: Couple, since: date) -> dict[date, WeekEvidence]:
    """Each week's evidence from `since` on (two queries)."""
    plan_weeks = set(
        WeekPlan.objects.shared()
        .filter(
            couple=couple,
            week_start__gte=since,
            author__memberships__couple=couple,
            author__memberships__role=Role.INVOLVED,
        )
        .values_list("week_start", flat=True)
    )
    revealed = dict(
        Answer.objects.filter(
            checkin__couple=couple,
            checkin__week_start__gte=since,
            checkin__revealed_at__isnull=False,
            submitted_at__isnull=False,
            author__memberships__couple=couple,
            author__memberships__role=Role.HURT,
        ).values_list("checkin__week_start", "expected_heads_up")
    )
    return {
        week: WeekEvidence(
            plans_shared=week in plan_weeks,
            revealed=week in revealed,
            expected_heads_up=revealed.get(week, ""),
        )
        for week in plan_weeks | revealed.keys()
    }


def transparent_weeks(couple: Couple, now: datetime) -> int:
    """The couple's run of transparent weeks now (three queries)."""
    this_week = weeks.week_start_for(now, couple.zone)
    plans_on = PlanHabit.objects.filter(couple=couple, plans_on=True).exists()
    evidence = evidence_for(couple, this_week - LOOKBACK)
    kept = {week for week, found in evidence.items() if is_transparent(found, plans_on)}
    return transparent_run(kept, this_week)
