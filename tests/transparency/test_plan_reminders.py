"""The discreet plans reminder: only for who asked, only when the couple share plans,
on their sharing day, once a week, and not once the plans are shared."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail

from accounts.models import Membership
from transparency.models import PlanHabit, PlanReminder, Weekday, WeekPlan
from transparency.reminders import remind_plans, reminder_due, week_due

pytestmark = pytest.mark.django_db

# Sunday 15 November 2026, 9:30 in Paris.
SUNDAY_MORNING = datetime(2026, 11, 15, 8, 30, tzinfo=UTC)
NEXT_MONDAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 15), date(2026, 11, 16)),  # a Sunday: the coming week
        (date(2026, 11, 16), date(2026, 11, 16)),  # a Monday: its own week
        (date(2026, 11, 21), date(2026, 11, 16)),  # a Saturday: its own week
    ],
)
def test_the_week_due_on_a_sharing_day(day, week):
    assert week_due(day) == week


@pytest.mark.parametrize(
    ("moment", "zone", "share_by", "due"),
    [
        (SUNDAY_MORNING, "Europe/Paris", Weekday.SUNDAY, NEXT_MONDAY),
        (datetime(2026, 11, 15, 7, 0, tzinfo=UTC), "Europe/Paris", Weekday.SUNDAY, None),  # 8:00
        (SUNDAY_MORNING, "Europe/Paris", Weekday.MONDAY, None),
        # Still Saturday evening in Los Angeles.
        (SUNDAY_MORNING, "America/Los_Angeles", Weekday.SUNDAY, None),
        # Monday 8:00 in Auckland (UTC+13): too early; 10:00: due.
        (datetime(2026, 11, 15, 19, 0, tzinfo=UTC), "Pacific/Auckland", Weekday.MONDAY, None),
        (
            datetime(2026, 11, 15, 21, 0, tzinfo=UTC),
            "Pacific/Auckland",
            Weekday.MONDAY,
            NEXT_MONDAY,
        ),
    ],
)
def test_when_a_reminder_is_due(moment, zone, share_by, due):
    from zoneinfo import ZoneInfo

    assert reminder_due(moment, ZoneInfo(zone), share_by) == due


@pytest.fixture
def paris_couple(couple, involved):
    couple.timezone = "Europe/Paris"
    couple.save(update_fields=["timezone"])
    PlanHabit.objects.create(couple=couple, plans_on=True, share_by=Weekday.SUNDAY)
    PlanReminder.objects.create(user=involved)
    return couple


def test_sent_once_on_the_sharing_day_and_discreet(paris_couple, involved, hurt):
    assert remind_plans(SUNDAY_MORNING) == 1
    assert remind_plans(SUNDAY_MORNING) == 0  # a second beat, or a retry

    [message] = mail.outbox
    assert message.to == [involved.email]
    assert message.subject == "A small weekly note from Common Ground"
    for word in ("plan", "affair", "partner", "heads-up"):
        assert word not in message.subject.lower()


def test_no_reminder_once_the_plans_are_shared(paris_couple, involved):
    member = Membership.objects.select_related("couple", "user").get(user=involved)
    with time_machine.travel(SUNDAY_MORNING):
        WeekPlan.save_for(member, NEXT_MONDAY, ["Office"], share=True)
    assert remind_plans(SUNDAY_MORNING) == 0


def test_no_reminder_when_plans_are_off_or_nobody_asked(paris_couple, involved):
    PlanHabit.objects.update(plans_on=False)
    assert remind_plans(SUNDAY_MORNING) == 0
    PlanHabit.objects.update(plans_on=True)
    PlanReminder.objects.all().delete()
    assert remind_plans(SUNDAY_MORNING) == 0
    assert not mail.outbox
