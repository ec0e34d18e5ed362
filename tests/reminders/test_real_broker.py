"""The scheduled scan through a real Redis broker and a real Celery worker."""

import os
import time
from datetime import UTC, datetime

import pytest
import redis
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail

from checkins.tasks import scan_checkin_reminders
from recovery.celery import app

from ..conftest import celery_broker, require
from ..factories import make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_is_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def celery_worker():
    require(redis_is_up(), f"Redis is not reachable at {REDIS_URL}")
    with (
        celery_broker(REDIS_URL),
        start_worker(app, pool="threads", concurrency=2, perform_ping_check=False) as worker,
    ):
        yield worker


def test_every_scheduled_job_points_at_a_registered_task():
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


def test_scan_enqueued_twice_concurrently_sends_each_reminder_once(celery_worker):
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC)):
        for index in range(3):
            make_couple(
                make_user(f"h{index}@example.test", timezone="Europe/Paris"),
                make_user(f"i{index}@example.test", timezone="Europe/Paris"),
            )
    sunday_evening = datetime(2026, 11, 15, 17, 2, tzinfo=UTC)  # 18:02 in Paris

    with time_machine.travel(sunday_evening, tick=True):
        scan_checkin_reminders.delay()
        scan_checkin_reminders.delay()
        wait_for_outbox(6)
        time.sleep(1)  # room for a duplicate to show up, if there were one

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"h{i}@example.test" for i in range(3)] + [f"i{i}@example.test" for i in range(3)]
    )


def wait_for_outbox(count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
