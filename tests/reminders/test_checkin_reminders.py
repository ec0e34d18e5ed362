"""Weekly check-in reminders: the person's hour, in their time zone, once."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from accounts.models import EmailOptOut
from checkins import reminders
from checkins.models import CheckIn
from checkins.tasks import scan_checkin_reminders

from ..factories import make_couple, make_user

RATINGS = {"safety": 5, "trust": 5, "connection": 5, "hope": 5}


def person(email, zone, weekday=6, hour=18):
    return make_user(email, timezone=zone, reminder_weekday=weekday, reminder_hour=hour)


@pytest.fixture
def pair(db):
    """A couple in Auckland, created well before the weeks being tested."""
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC)):
        hurt = person("kiri@example.test", "Pacific/Auckland")
        involved = person("tama@example.test", "Pacific/Auckland")
        make_couple(hurt, involved, timezone="Pacific/Auckland")
    return hurt, involved


def scan_at(moment: datetime) -> list[str]:
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        scan_checkin_reminders.delay()
    return [m.to[0] for m in mail.outbox[before:]]


@pytest.mark.parametrize(
    ("zone", "local_sunday_18h_utc"),
    [
        # Sunday 2026-11-15 18:00 NZDT (UTC+13) is 05:00 UTC the same day.
        ("Pacific/Auckland", datetime(2026, 11, 15, 5, 0, tzinfo=UTC)),
        # Sunday 2026-11-15 18:00 PST (UTC-8) is 02:00 UTC on Monday.
        ("America/Los_Angeles", datetime(2026, 11, 16, 2, 0, tzinfo=UTC)),
    ],
)
def test_reminder_arrives_in_the_chosen_local_hour_and_only_once(db, zone, local_sunday_18h_utc):
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC)):
        hurt = person("a@example.test", zone)
        make_couple(hurt, person("b@example.test", zone), timezone=zone)

    assert scan_at(local_sunday_18h_utc - timedelta(minutes=5)) == []
    assert sorted(scan_at(local_sunday_18h_utc + timedelta(minutes=3))) == [
        "a@example.test",
        "b@example.test",
    ]
    assert scan_at(local_sunday_18h_utc + timedelta(minutes=8)) == []
    assert scan_at(local_sunday_18h_utc + timedelta(hours=5)) == []
    message = mail.outbox[-1]
    assert "check-in" in message.body
    assert "infidel" not in (message.subject + message.body).lower()


@pytest.mark.parametrize(
    ("zone", "sunday_before", "sunday_after"),
    [
        # Los Angeles leaves daylight time on Sunday 2026-11-01.
        (
            "America/Los_Angeles",
            datetime(2026, 10, 26, 1, 0, tzinfo=UTC),  # Sun 25 Oct 18:00 PDT
            datetime(2026, 11, 2, 2, 0, tzinfo=UTC),  # Sun 1 Nov 18:00 PST
        ),
        # Auckland enters daylight time on Sunday 2026-09-27.
        (
            "Pacific/Auckland",
            datetime(2026, 9, 20, 6, 0, tzinfo=UTC),  # Sun 20 Sep 18:00 NZST
            datetime(2026, 9, 27, 5, 0, tzinfo=UTC),  # Sun 27 Sep 18:00 NZDT
        ),
    ],
)
def test_reminder_keeps_the_local_hour_across_a_daylight_saving_change(
    db, zone, sunday_before, sunday_after
):
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC)):
        make_couple(person("a@example.test", zone), person("b@example.test", zone), timezone=zone)

    for sunday in (sunday_before, sunday_after):
        assert scan_at(sunday - timedelta(minutes=2)) == []
        assert len(scan_at(sunday + timedelta(minutes=2))) == 2
        assert scan_at(sunday + timedelta(minutes=30)) == []


def test_no_reminder_for_someone_who_already_submitted(pair):
    hurt, involved = pair
    sunday = datetime(2026, 11, 15, 5, 0, tzinfo=UTC)
    with time_machine.travel(sunday - timedelta(hours=3), tick=False):
        CheckIn.objects.current_for(hurt.memberships.get().couple).submit(hurt, RATINGS)

    assert scan_at(sunday + timedelta(minutes=1)) == [involved.email]


def test_gentle_nudge_two_days_later_only_to_who_has_not_submitted(pair):
    hurt, involved = pair
    sunday = datetime(2026, 11, 15, 5, 0, tzinfo=UTC)
    scan_at(sunday + timedelta(minutes=1))
    with time_machine.travel(sunday + timedelta(days=1), tick=False):
        couple = hurt.memberships.get().couple
        # Monday in Auckland: last week's check-in is still open for late answers.
        CheckIn.objects.answerable_week(couple, date(2026, 11, 9)).submit(hurt, RATINGS)

    assert scan_at(sunday + timedelta(days=2) - timedelta(minutes=5)) == []
    assert scan_at(sunday + timedelta(days=2, minutes=1)) == [involved.email]
    assert scan_at(sunday + timedelta(days=2, minutes=6)) == []
    assert "gentle" in mail.outbox[-1].body


def test_a_day_without_beat_catches_up_instead_of_skipping_the_week(pair):
    sunday = datetime(2026, 11, 15, 5, 0, tzinfo=UTC)

    assert len(scan_at(sunday + timedelta(hours=23))) == 2


def test_nobody_is_reminded_about_a_week_before_they_joined(db):
    sunday = datetime(2026, 11, 15, 5, 0, tzinfo=UTC)
    with time_machine.travel(sunday + timedelta(hours=1)):
        make_couple(
            person("x@example.test", "Pacific/Auckland"),
            person("y@example.test", "Pacific/Auckland"),
            timezone="Pacific/Auckland",
        )

    assert scan_at(sunday + timedelta(hours=2)) == []


def test_who_turned_reminders_off_gets_none(pair):
    hurt, involved = pair
    EmailOptOut.objects.create(user=hurt, kind="checkin_reminder")

    assert scan_at(datetime(2026, 11, 15, 5, 1, tzinfo=UTC)) == [involved.email]


def test_the_scan_costs_the_same_queries_for_few_or_many_people(db, django_assert_max_num_queries):
    # Nothing is due late on Thursday for people reminded on Sundays (nudges were Tuesday).
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC)):
        for index in range(60):
            make_couple(
                person(f"h{index}@example.test", "Europe/Paris"),
                person(f"i{index}@example.test", "Europe/Paris"),
            )
    thursday = datetime(2026, 11, 19, 20, 0, tzinfo=UTC)
    batches = list(reminders.member_id_batches(batch_size=40))
    assert len(batches) == 3
    with django_assert_max_num_queries(1):
        reminders.remind_batch(batches[0][:5], thursday)
    with django_assert_max_num_queries(1):
        reminders.remind_batch(batches[0], thursday)


def test_an_smtp_failure_is_retried_and_nobody_gets_two(pair, settings):
    from recovery.celery import app

    from . import flaky_mail

    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_mail.FlakyBackend"}}
    flaky_mail.failures_left = 1
    # Let Celery run the retry (inline here) instead of raising it to the test.
    app.conf.task_eager_propagates = False
    try:
        sent = scan_at(datetime(2026, 11, 15, 5, 1, tzinfo=UTC))
    finally:
        app.conf.task_eager_propagates = True

    assert flaky_mail.failures_left == 0
    assert sorted(sent) == sorted(user.email for user in pair)
