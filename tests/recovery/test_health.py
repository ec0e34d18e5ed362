"""`/health/`: the database decides; Redis and the broker are reported."""

import socket
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client, override_settings

from recovery.celery import app as celery_app

from ..conftest import require


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def health():
    response = Client().get("/health/")
    return response.status_code, response.json()


def test_healthy_local_demo(db):
    with override_settings(REDIS_URL=""):  # tasks run inline, as in the tests
        state = health()
    assert state == (
        HTTPStatus.OK,
        {"database": "ok", "redis": "not configured", "broker": "not configured"},
    )


def test_redis_and_broker_are_reported_but_never_fail_the_check(db):
    require(redis_available(), "Redis is not running on 127.0.0.1:6379")
    down = f"redis://127.0.0.1:{closed_port()}/0"
    celery_app.conf.task_always_eager = False  # put back by the autouse fixture
    broker = celery_app.conf.broker_url
    try:
        celery_app.conf.broker_url = "redis://127.0.0.1:6379/11"
        with override_settings(REDIS_URL="redis://127.0.0.1:6379/11"):
            assert health() == (HTTPStatus.OK, {"database": "ok", "redis": "ok", "broker": "ok"})
        celery_app.conf.broker_url = down
        with override_settings(REDIS_URL=down):
            assert health() == (
                HTTPStatus.OK,
                {"database": "ok", "redis": "down", "broker": "down"},
            )
    finally:
        celery_app.conf.broker_url = broker


@pytest.fixture
def database_gone(django_db_blocker):
    """The database cannot be reached (a name that does not exist)."""
    # SQLite's in-memory test database cannot be closed and reopened elsewhere.
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    with django_db_blocker.unblock():
        connection.close()
        name = connection.settings_dict["NAME"]
        connection.settings_dict["NAME"] = "/nonexistent/common-ground-health-check"
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = name


def test_without_the_database_the_check_fails(database_gone):
    status, state = health()
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert state["database"] == "down"
