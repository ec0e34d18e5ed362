"""Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS.

Rotation: put the new key first (keep the old one after it), deploy, run this
command, then remove the old key.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from recovery.encryption import encrypted_field_columns, rewrite_columns, rotate_token


class Command(BaseCommand):
    help = "Re-encrypt stored text with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total = 0
        for model, fields in encrypted_field_columns():
            names = [field.name for field in fields]
            with transaction.atomic():
                total += rewrite_columns(apps, connection, model._meta.label, names, rotate_token)
        self.stdout.write(f"Re-encrypted {total} rows with the first key.")
