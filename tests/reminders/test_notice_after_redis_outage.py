"""A notice owed while Redis (cache and broker) was down is delivered exactly once after
it comes back: a real worker, a real Redis the test stops and starts, a local mail
server counting messages, PostgreSQL (the worker is another process)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from notices.models import Kind, Notice
from notices.tasks import deliver_owed_notice_emails
from recovery.redis_config import redis_settings
from triggers.models import Trigger

from ..conftest import celery_broker, client_for, require
from ..smtp_sink import SmtpSink
from .test_worker_killed import Worker

pytestmark = pytest.mark.django_db(transaction=True)

SHARED_NOW = {
    "category": "contact",
    "intensity": "6",
    "occurred_at": "2026-12-01T11:15",
    "sharing": "share_now",
}


@pytest.fixture
def production_redis(local_redis, monkeypatch):
    """Cache, sessions and broker on the test's Redis, as REDIS_URL sets them."""
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")
    monkeypatch.setattr("recovery.cache.RETRY_AFTER_SECONDS", 0)
    with celery_broker(local_redis.url), override_settings(**redis_settings(local_redis.url)):
        yield local_redis


def test_a_notice_owed_while_redis_was_down_is_emailed_exactly_once_after(
    production_redis, hurt, involved, couple, tmp_path
):
    production_redis.stop()
    response = client_for(hurt).post(reverse("triggers:new"), SHARED_NOW)
    assert response.status_code == HTTPStatus.FOUND  # the act succeeded
    assert Trigger.objects.filter(author=hurt).count() == 1
    owed = Notice.objects.get(recipient=involved, kind=Kind.TRIGGER_WAITING)
    assert owed.email_state == Notice.Email.OWED  # its task could not be queued

    production_redis.start()
    with SmtpSink() as mail_server:
        worker = Worker(production_redis.url, mail_server.port, tmp_path / "worker.log")
        try:
            deliver_owed_notice_emails.delay()  # what beat sends every minute
            worker.wait_for_log("succeeded in")
            deliver_owed_notice_emails.delay()  # a second beat, or a retry
            worker.wait_for_log("succeeded in", count=2)
        finally:
            worker.stop()

    assert [message["To"] for message in mail_server.messages] == [involved.email]
    owed.refresh_from_db()
    assert owed.email_state == Notice.Email.DONE
