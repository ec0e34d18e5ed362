"""Redis is an accelerator: with it stopped, people keep using the app; when it comes
back, it is used again without a restart. Against a real redis-server that each test
starts and stops, configured exactly as production configures REDIS_URL."""

import logging
from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from checkins.models import Answer
from recovery.redis_config import redis_settings
from triggers.models import Trigger

from ..conftest import celery_broker, client_for, require
from ..factories import PASSWORD
from ..local_redis import LocalRedis, redis_server_available

# Committed for real, so tasks are published on commit as in production.
pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
WEEK = date(2026, 3, 2)
TRIGGER = {
    "category": "contact",
    "intensity": "6",
    "occurred_at": "2026-03-04T11:15",
    "sharing": "share_now",
}


@pytest.fixture
def production_redis(local_redis, monkeypatch):
    """The app pointed at the test's Redis as REDIS_URL would point it: the resilient
    cache, sessions cached in front of the database, and the Celery broker."""
    # Try Redis again on every call, so the test need not wait out the pause.
    monkeypatch.setattr("recovery.cache.RETRY_AFTER_SECONDS", 0)
    with (
        celery_broker(local_redis.url),
        override_settings(**redis_settings(local_redis.url)),
        time_machine.travel(NOW),
    ):
        yield local_redis


def session_in_redis(server: LocalRedis, client: Client) -> bool:
    key = f":1:django.contrib.sessions.cached_db{client.session.session_key}"
    return bool(server.client().exists(key))


def signed_in(response) -> bool:
    return response.status_code == HTTPStatus.OK and response.wsgi_request.user.is_authenticated


def test_with_redis_stopped_people_read_write_and_sign_in_then_it_resumes(
    production_redis, hurt, couple, caplog
):
    sam = client_for(hurt)
    assert signed_in(sam.get("/"))
    assert session_in_redis(production_redis, sam)

    production_redis.stop()
    with caplog.at_level(logging.WARNING):
        home = sam.get("/")
        draft = sam.post(
            reverse("checkins:save_answer", args=[WEEK.isoformat()]),
            {"need_text": "A walk after dinner"},
            headers={"HX-Request": "true"},
        )
        shared = sam.post(reverse("triggers:new"), TRIGGER)
        newcomer = Client()
        login = newcomer.post(reverse("account_login"), {"login": hurt.email, "password": PASSWORD})

    assert signed_in(home)
    assert draft.status_code == HTTPStatus.OK
    assert Answer.objects.get(author=hurt).need_text == "A walk after dinner"
    assert shared.status_code == HTTPStatus.FOUND
    assert Trigger.objects.filter(author=hurt).count() == 1
    assert login.status_code == HTTPStatus.FOUND
    assert signed_in(newcomer.get("/"))
    unreachable = [r for r in caplog.records if "Redis cache is unreachable" in r.getMessage()]
    assert len(unreachable) == 1  # once a minute, not once per request
    assert any("Could not queue" in r.getMessage() for r in caplog.records)

    production_redis.start()
    assert signed_in(sam.get("/"))
    assert session_in_redis(production_redis, sam)  # cached again, no restart needed
    sam.post(reverse("triggers:new"), TRIGGER)
    assert production_redis.client().llen("celery") == 1  # tasks are published again


def test_a_session_ended_while_redis_was_away_does_not_come_back_with_it(
    tmp_path, monkeypatch, hurt, couple
):
    require(redis_server_available(), "redis-server is not installed")
    # A Redis that saves to disk on stop and reloads on start, like a default install.
    server = LocalRedis(tmp_path, persist=True)
    server.start()
    monkeypatch.setattr("recovery.cache.RETRY_AFTER_SECONDS", 0)
    try:
        with override_settings(**redis_settings(server.url)):
            sam = client_for(hurt)
            assert signed_in(sam.get("/"))
            stolen_cookie = sam.cookies["sessionid"].value

            server.stop()
            sam.post(reverse("account_logout"))
            server.start()
            assert session_in_redis_by_key(server, stolen_cookie)  # the old copy is back

            thief = Client()
            thief.cookies["sessionid"] = stolen_cookie
            response = thief.get("/")
    finally:
        server.stop()

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response["Location"]


def session_in_redis_by_key(server: LocalRedis, session_key: str) -> bool:
    return bool(server.client().exists(f":1:django.contrib.sessions.cached_db{session_key}"))


def test_with_redis_stopped_wrong_passwords_are_still_limited(production_redis, hurt):
    production_redis.stop()
    client = Client()
    for _attempt in range(40):
        response = client.post(
            reverse("account_login"), {"login": hurt.email, "password": "not-the-password"}
        )
        if "Too many failed login attempts" in response.content.decode():
            break
    else:
        pytest.fail("forty wrong passwords in a row were never slowed down")
