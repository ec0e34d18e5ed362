"""Shared personas and environment guards.

Personas: Sam (hurt partner) and Alex (involved partner) share a couple space;
Robin is in another couple; Dr. Lee is a therapist; Kim has no couple yet.
"""

import contextlib
import os
import shutil
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.test import Client
from pytest_django.plugin import blocking_manager_key, validate_django_db

from recovery.celery import app as celery_app
from recovery.redis_config import redis_settings

from .factories import make_couple, make_user
from .local_redis import LocalRedis, free_port, redis_server_available

IN_CI = os.environ.get("CI") == "true"


def pytest_configure(config):
    from django.conf import settings

    # Live-server threads must not keep connections open past a test, or the
    # test database cannot be dropped at the end of the run.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Deliberately slow password hashing protects real accounts, not test ones.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _own_redis_database_per_worker(settings)


def _own_redis_database_per_worker(settings) -> None:
    """Under `pytest -n` each worker has its own test database (pytest-django) and,
    here, its own Redis database: every test empties the cache, which must not be
    another worker's, and a broker's queue must not be drained by the wrong test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not settings.REDIS_URL:
        return
    parts = urlsplit(settings.REDIS_URL)
    number = (int(parts.path.strip("/") or 0) + int(worker[2:])) % 16
    url = urlunsplit(parts._replace(path=f"/{number}"))
    os.environ["REDIS_URL"] = settings.REDIS_URL = url
    for key, value in redis_settings(url).items():
        setattr(settings, key, value)
    celery_app.conf.broker_url = url


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test with real transactions empties every table when it ends, including the
    rows data migrations load (the exercise library, the curiosity deck). Put them
    back once it is over, so that whichever test a process runs next finds them."""
    result = yield
    marker = item.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(item.fixturenames) or (
        marker is not None and validate_django_db(marker)[0]  # its "transaction"
    )
    # After the last test the test database is gone: nothing to put back.
    if transactional and nextitem is not None:
        from importlib import import_module

        from django.apps import apps

        with item.config.stash[blocking_manager_key].unblock():
            import_module("pacing.migrations.0002_exercise_library").add_library(apps, None)
            import_module("rituals.migrations.0002_curiosity_deck").add_deck(apps, None)
    return result


def require(available: bool, reason: str) -> None:
    """Skip on a newcomer's machine when a service is missing; fail in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} — required under CI=true", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


@pytest.fixture(autouse=True)
def _isolated_services():
    # Tasks run inline in tests unless a test asks for the real broker.
    celery_app.conf.task_always_eager = True
    cache.clear()
    yield
    cache.clear()


@contextlib.contextmanager
def celery_broker(url: str):
    """The real Celery app publishing for real to the broker at `url` (no eager tasks),
    put back afterwards. Pooled connections are dropped both ways, as Celery does after
    a fork, so publishing uses the broker configured now."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    celery_app._after_fork()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        celery_app._after_fork()


@pytest.fixture
def refused_broker():
    """A broker address where nothing listens: publishing fails, as when Redis is down."""
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
        yield


@pytest.fixture
def local_redis(tmp_path):
    """A Redis of this test's own that it may stop and start (see tests/local_redis.py)."""
    require(redis_server_available(), "redis-server is not installed")
    server = LocalRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def hurt(db):
    return make_user("sam@example.test", "Sam")


@pytest.fixture
def involved(db):
    return make_user("alex@example.test", "Alex")


@pytest.fixture
def couple(hurt, involved):
    return make_couple(hurt, involved)


@pytest.fixture
def outsider(db):
    robin = make_user("robin@example.test", "Robin")
    make_couple(robin, make_user("jamie@example.test", "Jamie"))
    return robin


@pytest.fixture
def therapist(db):
    return make_user("dr.lee@example.test", "Dr. Lee", is_therapist=True)


@pytest.fixture
def lee(couple, hurt, involved, therapist):
    """Dr. Lee, the couple's therapist with both partners' consent."""
    from .therapists.builders import link, make_profile

    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    return therapist


@pytest.fixture
def ng(db):
    """Dr. Ng: a therapist of another couple, never linked to this one."""
    from .therapists.builders import make_profile

    ng = make_user("dr.ng@example.test", "Dr. Ng", is_therapist=True)
    make_profile(ng, "Riverside Practice")
    return ng


@pytest.fixture
def loner(db):
    return make_user("kim@example.test", "Kim")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reauthenticated_client(user) -> Client:
    """A client that has just re-entered its password, as sensitive actions require."""
    from .factories import PASSWORD

    client = client_for(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


@pytest.fixture
def as_user():
    return client_for
