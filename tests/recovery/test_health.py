"""`/health/`: the database decides; Redis and the broker are reported."""

import socket
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client, override_settings

from ..conftest import celery_broker, require
from ..local_redis import free_port


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
    up, down = "redis://127.0.0.1:6379/11", f"redis://127.0.0.1:{free_port()}/0"
    with celery_broker(up), override_settings(REDIS_URL=up):
        assert health() == (HTTPStatus.OK, {"database": "ok", "redis": "ok", "broker": "ok"})
    with celery_broker(down), override_settings(REDIS_URL=down):
        assert health() == (HTTPStatus.OK, {"database": "ok", "redis": "down", "broker": "down"})


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
