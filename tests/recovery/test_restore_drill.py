"""The README's backup commands restore a database whose every encrypted value reads back."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

from triggers.models import Trigger

from ..conftest import require
from ..factories import make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_and_every_encrypted_value_reads_back():
    require(connection.vendor == "postgresql", "the restore drill needs PostgreSQL")
    sam, alex = make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex")
    couple = make_couple(sam, alex)
    Trigger.objects.create(
        couple=couple,
        author=sam,
        occurred_at=couple.created_at,
        category="other",
        intensity=4,
        what_happened="A song in the shop",
        what_helped="A walk",
    )

    # As an operator runs it: its own process, on this (test) database, with these keys.
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"

    def drill_with(keys: str):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore_drill"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": url, "FIELD_ENCRYPTION_KEYS": keys},
            capture_output=True,
            text=True,
        )

    drill = drill_with(",".join(settings.FIELD_ENCRYPTION_KEYS))

    assert drill.returncode == 0, drill.stderr
    output = drill.stdout
    assert "Restore drill passed:" in output
    rows, values = [int(word) for word in output.split() if word.isdigit()][:2]
    assert rows >= 1 and values >= 2  # the trigger's two texts, at least
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname LIKE %s", ["%_restore_drill"])
        assert cursor.fetchone() is None  # the scratch copy is gone

    # Without the right key the same backup is unreadable, and the drill says so.
    wrong = drill_with(Fernet.generate_key().decode())
    assert wrong.returncode != 0
    assert "cannot be decrypted" in wrong.stderr
