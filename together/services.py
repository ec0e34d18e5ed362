"""What is waiting for a person across the tools, gathered in a fixed number of queries."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import versions
from accounts.access import couple_people, partner_membership
from accounts.models import Couple, Membership
from checkins import weeks as calendar_weeks
from transparency.models import WeekPlan

from .models import GoalChange, Pause, Question, Readiness, Step, Win

WAITING_SHOWN = 5
STRIP_SHOWN = 5
# Streaks are counted over the last two years: enough to celebrate, bounded to read.
STREAK_LOOKBACK = timedelta(weeks=104)
STREAKS_SECONDS = 7 * 24 * 3600


def _with_people(objects: list, field: str, people: dict) -> list:
    for obj in objects:
        person = people.get(getattr(obj, f"{field}_id"))
        if person is not None:  # someone who has left: read on demand
            setattr(obj, field, person)
    return objects


def pause_notice(membership: Membership, now: datetime) -> dict | None:
    """The couple's open pause as each partner may see it (never with its reason)."""
    pause = Pause.objects.open().filter(couple_id=membership.couple_id).defer("reason").first()
    if pause is None:
        return None
    _with_people([pause], "requested_by", couple_people(membership))
    return {
        "pause": pause,
        "mine": pause.requested_by_id == membership.user_id,
        "over": pause.is_over(now),
    }


def streak_words(weeks: int) -> str:
    if weeks == 0:
        return _("Every small good thing you notice counts. The first one starts a streak.")
    if weeks == 1:
        return _("Something good was noticed this week. A lovely start.")
    return ngettext(
        "%(count)d week in a row with something good noticed or a step kept.",
        "%(count)d weeks in a row with something good noticed or a step kept. "
        "That is steady, real work, and it is yours.",
        weeks,
    ) % {"count": weeks}


def streak_weeks(couple: Couple, now: datetime) -> int:
    """Weeks in a row with at least one win or one goal step kept (one query)."""
    zone = couple.zone
    this_week = calendar_weeks.week_start_for(now, zone)
    since = calendar_weeks.week_starts_at(this_week, zone) - STREAK_LOOKBACK
    win_weeks = (
        Win.objects.filter(couple=couple, created_at__gte=since)
        .annotate(week=TruncWeek("created_at", tzinfo=zone))
        .order_by()
        .values_list("week", flat=True)
    )
    step_weeks = (
        Step.objects.filter(goal__couple=couple, done_at__gte=since)
        .annotate(week=TruncWeek("done_at", tzinfo=zone))
        .order_by()
        .values_list("week", flat=True)
    )
    weeks = {week.astimezone(zone).date() for week in win_weeks.union(step_weeks).order_by()}
    return calendar_weeks.streak(weeks, this_week)


def streaks(couple: Couple, now: datetime) -> tuple[int, int]:
    """(weeks in a row with a win or a step, transparent weeks in a row), kept in the
    cache as two numbers under the couple's version stamp for this week: every write to
    a win, a goal step, a week plan, the plan habit or a check-in replaces the stamp
    (the `versions.track` calls in together and transparency), and a new week a new key."""
    this_week = calendar_weeks.week_start_for(now, couple.zone)
    stamp = versions.current([couple.pk])[couple.pk]
    key = f"streaks:{couple.pk}:{stamp}:{this_week}:{couple.zone.key}"
    found = cache.get(key)
    if found is None:
        found = (streak_weeks(couple, now), WeekPlan.objects.transparent_run(couple, now))
        cache.set(key, found, STREAKS_SECONDS)
    return found


def wins_strip(couple: Couple, now: datetime, people: dict | None = None) -> dict:
    """This week's wins and the streak, for templates/together/_wins_strip.html."""
    monday = calendar_weeks.week_start_for(now, couple.zone)
    this_week = Win.objects.filter(
        couple=couple, created_at__gte=calendar_weeks.week_starts_at(monday, couple.zone)
    )
    if people is None:
        wins = list(this_week.select_related("author")[: STRIP_SHOWN + 1])
    else:
        wins = _with_people(list(this_week[: STRIP_SHOWN + 1]), "author", people)
    streak, transparent_weeks = streaks(couple, now)
    return {
        "wins": wins[:STRIP_SHOWN],
        "more": len(wins) > STRIP_SHOWN,
        "streak": streak,
        "streak_words": streak_words(streak),
        # Shown only when there is a run to celebrate: a missed week is never shown.
        "transparent_weeks": transparent_weeks,
    }


def today_for(membership: Membership, now: datetime) -> dict:
    """Everything waiting for this person in the tools, for templates/together/_today.html."""
    couple, user = membership.couple, membership.user
    questions = Question.objects.filter(couple=couple)
    if membership.is_involved:
        waiting_questions = list(questions.waiting_for_answer()[:WAITING_SHOWN])
        new_answers = []
    else:
        waiting_questions = []
        new_answers = list(
            questions.with_answer_times().filter(
                readiness=Readiness.READY_NOW, last_answered_at__gte=now - timedelta(days=7)
            )[:WAITING_SHOWN]
        )
    people = couple_people(membership)
    wins_to_thank = _with_people(
        list(
            Win.objects.filter(couple=couple, thanked_at__isnull=True).exclude(author=user)[
                :WAITING_SHOWN
            ]
        ),
        "author",
        people,
    )
    goal_changes = _with_people(
        list(
            GoalChange.objects.filter(couple=couple)
            .for_partner_of(user)
            .select_related("goal")[:WAITING_SHOWN]
        ),
        "proposed_by",
        people,
    )
    waiting = waiting_questions or new_answers or wins_to_thank or goal_changes
    return {
        "partner": partner_membership(membership),
        "notice": pause_notice(membership, now),
        "waiting_questions": waiting_questions,
        "new_answers": new_answers,
        "wins_to_thank": wins_to_thank,
        "goal_changes": goal_changes,
        "nothing_waiting": not waiting,
        "wins_strip": wins_strip(couple, now, people),
    }
