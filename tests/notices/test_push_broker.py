"""A notification through a real Redis broker and a real Celery worker: queued when the
act commits, sent once to the push service on the loopback, even when queued twice."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from accounts.management.commands.generate_vapid_keys import generate
from notices.models import Kind
from notices.services import notify
from notices.tasks import deliver_notice_push
from recovery.celery import app

from ..conftest import celery_broker, require
from ..factories import make_couple, make_user
from ..reminders.test_real_broker import REDIS_URL, redis_is_up
from .push_service import Browser, PushService

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_worker():
    require(redis_is_up(), f"Redis is not reachable at {REDIS_URL}")
    with (
        celery_broker(REDIS_URL),
        start_worker(app, pool="threads", concurrency=2, perform_ping_check=False) as worker,
    ):
        yield worker


def test_a_notice_reaches_the_device_through_the_broker_once(settings, celery_worker):
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = generate()
    settings.VAPID_SUBJECT = "mailto:operator@example.test"
    hurt, involved = make_user("h@example.test"), make_user("i@example.test")
    make_couple(hurt, involved)
    service, browser = PushService().start(), Browser()
    try:
        browser.device_for(involved, service)

        [notice] = notify(Kind.PAUSE_ASKED, [involved.pk], "/together/pause/")
        deliver_notice_push.delay(notice.pk)  # and once more, as a retried job would
        service.wait_for(1)
        time.sleep(1)  # room for a duplicate to show up, if there were one

        assert len(service.received) == 1
        assert browser.read(service.received[0])["title"] == "You have something new"
    finally:
        service.stop()
