"""The discreet reminder to share the week's plans, for whoever asked for one.

On the couple's sharing day, from REMIND_FROM local time, each person who asked gets
one email if their plans for the week due are not shared yet. Every email is claimed
per person, kind and week by `send_once`, so a second beat or a retry never sends it
twice, and a beat missed earlier in the day simply catches up.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from accounts.models import EmailKind, Membership
from accounts.notifications import send_once

from .models import WeekPlan

REMIND_FROM = time(9)


def week_due(share_day: date) -> date:
    """The week whose plans are due on `share_day`: a Sunday looks ahead to the coming
    week; any other day belongs to its own week."""
    following = share_day + timedelta(days=1)
    return following - timedelta(days=following.weekday())


def reminder_due(now: datetime, zone: ZoneInfo, share_by: int) -> date | None:
    """The week to remind about now, or None when today is not the sharing day (or it
    is too early in the day)."""
    local = now.astimezone(zone)
    if local.weekday() != share_by or local.time() < REMIND_FROM:
        return None
    return week_due(local.date())


def remind_plans(now: datetime) -> int:
    members = list(
        Membership.objects.active()
        .filter(
            user__plan_reminder__isnull=False,
            user__is_active=True,
            couple__ended_at__isnull=True,
            couple__plan_habit__plans_on=True,
        )
        .select_related("user", "couple", "couple__plan_habit")
    )
    due = {}
    for member in members:
        week = reminder_due(now, member.couple.zone, member.couple.plan_habit.share_by)
        if week is not None:
            due[member] = week
    if not due:
        return 0
    shared = set(
        WeekPlan.objects.shared()
        .filter(author_id__in=[m.user_id for m in due], week_start__in=set(due.values()))
        .values_list("author_id", "week_start")
    )
    sent = 0
    for member, week in due.items():
        if (member.user_id, week) in shared:
            continue
        period = f"plans:{week.isoformat()}"
        sent += send_once(member.user, EmailKind.PLANS_REMINDER, period, "plans_reminder")
    return sent
