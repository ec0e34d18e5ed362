"""The resilient cache against a Redis that accepts connections and never answers."""

import logging
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from recovery.redis_config import redis_settings


@pytest.fixture
def silent_redis():
    """A port that takes connections (the kernel completes the handshake) and never
    answers: a Redis that hangs, or a network that drops its packets."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


def test_a_hanging_redis_costs_one_short_timeout_not_one_per_lookup(silent_redis, caplog):
    answers = []

    def look_up():  # each thread has its own cache object, as each request thread does
        answers.extend(caches["default"].get(f"key-{n}", "missed") for n in range(10))

    with override_settings(**redis_settings(silent_redis)), caplog.at_level(logging.WARNING):
        started = time.monotonic()
        look_up()
        other_thread = threading.Thread(target=look_up)
        other_thread.start()
        other_thread.join()
        caches["default"].set("written", 1)
        elapsed = time.monotonic() - started

    assert answers == ["missed"] * 20
    assert elapsed < 2
    warnings = [r.getMessage() for r in caplog.records if r.name == "recovery.cache"]
    assert len(warnings) == 1
    assert warnings[0].startswith("The Redis cache is unreachable")
