"""The local demo (`make run`, SQLite) holds two partners writing at the same moment."""

import threading

import pytest
from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler

from recovery.env import database_from_url


@pytest.fixture
def demo_databases(django_db_blocker):
    """Two connections to one SQLite file, as two request threads of `make run` have."""
    added = []

    def add(path, **overrides) -> list[str]:
        database = database_from_url(
            f"sqlite:///{path}", conn_max_age=0, statement_timeout_ms=0, lock_timeout_ms=0
        )
        database["OPTIONS"].update(overrides)
        # Django fills in the remaining keys the same way as for the settings.
        database = ConnectionHandler({"default": database}).settings["default"]
        for alias in ("demo_first", "demo_second"):
            connections.settings[alias] = dict(database)
            added.append(alias)
        return ["demo_first", "demo_second"]

    with django_db_blocker.unblock():
        yield add
    for alias in added:
        connections[alias].close()
        del connections.settings[alias]
        delattr(connections._connections, alias)


def write_at_once(aliases: list[str], wait_seconds: float) -> list[str]:
    """Two writers that each read, then write — the shape of every save in the app.
    The first waits up to `wait_seconds` for the second to have read too before it
    writes (with IMMEDIATE transactions the second cannot read until the first is done)."""
    first_alias, second_alias = aliases
    with connections[first_alias].cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    second_has_read = threading.Event()
    outcomes = {}

    def write(alias: str) -> None:
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM note")
                if alias == second_alias:
                    second_has_read.set()
                else:
                    second_has_read.wait(timeout=wait_seconds)
                cursor.execute("INSERT INTO note (text) VALUES (%s)", [alias])
            outcomes[alias] = "saved"
        except OperationalError as error:
            outcomes[alias] = str(error)

    first = threading.Thread(target=write, args=[first_alias])
    second = threading.Thread(target=write, args=[second_alias])
    first.start()
    second.start()
    first.join()
    second.join()
    return [outcomes[first_alias], outcomes[second_alias]]


def test_two_partners_saving_at_the_same_moment_both_succeed(tmp_path, demo_databases):
    aliases = demo_databases(tmp_path / "demo.sqlite3")
    assert write_at_once(aliases, wait_seconds=1) == ["saved", "saved"]
    # Each transaction took the write lock when it started, and waited for a busy writer.
    assert connections[aliases[0]].transaction_mode == "IMMEDIATE"
    assert connections.settings[aliases[0]]["OPTIONS"]["timeout"] >= 5
