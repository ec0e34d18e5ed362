"""Prove that a backup can be restored and read: dump this database exactly as the
README's "Backups" section says, restore it into a scratch database, read every
encrypted value back with the current keys, compare row counts, drop the scratch copy.
"""

import os
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from recovery.encryption import encrypted_field_columns

SCRATCH_ALIAS = "restore_drill"


class Command(BaseCommand):
    help = "Back up the database, restore it into a scratch database and read it all back."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The restore drill needs PostgreSQL (set DATABASE_URL).")
        source = connection.settings_dict
        scratch = f"{source['NAME']}_restore_drill"
        env = {
            **os.environ,
            "PGHOST": source["HOST"] or "",
            "PGPORT": str(source["PORT"] or ""),
            "PGUSER": source["USER"] or "",
            "PGPASSWORD": source["PASSWORD"] or "",
        }
        with tempfile.TemporaryDirectory() as folder:
            backup = Path(folder) / "common-ground.dump"
            self._run(
                env, "pg_dump", "--format=custom", "--no-owner", f"--file={backup}", source["NAME"]
            )
            self._run(env, "dropdb", "--if-exists", scratch)
            self._run(env, "createdb", scratch)
            try:
                self._run(
                    env,
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={scratch}",
                    str(backup),
                )
                rows, values = self._read_back(scratch)
            finally:
                connections[SCRATCH_ALIAS].close()
                self._run(env, "dropdb", "--if-exists", scratch)
        self.stdout.write(
            f"Restore drill passed: {rows} rows with encrypted fields restored, "
            f"{values} encrypted values read back with the current keys."
        )

    def _run(self, env, *command):
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")

    def _read_back(self, scratch: str) -> tuple[int, int]:
        """Every row of every model with encrypted fields, decrypted from the restored
        copy and compared with the live database, a chunk at a time."""
        connections.settings[SCRATCH_ALIAS] = {**connection.settings_dict, "NAME": scratch}
        rows = values = 0
        for model, fields in encrypted_field_columns():
            columns = ["pk", *[field.attname for field in fields]]
            live = model._base_manager.order_by("pk").values_list(*columns)
            restored = live.using(SCRATCH_ALIAS)
            pairs = zip(live.iterator(2000), restored.iterator(2000), strict=False)
            for expected, found in pairs:
                if expected != found:
                    raise CommandError(f"{model._meta.label} {expected[0]} differs when restored.")
                rows += 1
                values += sum(1 for value in found[1:] if value)
            if rows and live.count() != restored.count():
                raise CommandError(f"{model._meta.label}: the restored copy has other rows.")
        return rows, values
