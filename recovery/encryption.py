"""Encryption at rest for what people write.

Every free-text field people write is stored as a Fernet token (AES-128-CBC with an
HMAC-SHA256, from the maintained `cryptography` package). Keys come from
settings.FIELD_ENCRYPTION_KEYS: the first key encrypts, every key decrypts
(`MultiFernet`), so a key is rotated by putting a new one first, running
`manage.py rotate_field_keys`, then dropping the old one.

Why not django-fernet-encrypted-fields (0.4.0): its keys are derived from Django's
SECRET_KEY (rotating the signing key would mean keeping it forever as a fallback),
it stores an empty string as NULL (our text columns are NOT NULL), and it silently
returns the ciphertext when no key fits, so a lost key would show tokens on pages
instead of failing loudly. This module is the small part of it we need.

An empty value is stored as an empty string, so "has this person written anything"
stays a plain SQL condition (`.exclude(win_text="")`); it reveals no more than a
`has_text` column would. Any other comparison would silently match nothing (the
same text encrypts differently each time), so those lookups raise instead.
"""

import functools
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.lookups import Exact, IsNull

# Every Fernet token starts with the version byte 0x80, base64-encoded.
TOKEN_PREFIX = "gAAAAA"


@functools.cache
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return _multi_fernet(keys)


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never show a token (or fall back to plaintext): the keys are wrong.
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS. "
            "Was a key removed before `manage.py rotate_field_keys` ran?"
        ) from None


class _ExactEmpty(Exact):
    """`field=""` only: whether something was written is all SQL can know."""

    def get_prep_lookup(self):
        if self.rhs != "":
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted: it can only be compared with "
                "the empty string. Filter in Python instead."
            )
        return super().get_prep_lookup()


_LOOKUPS = {"exact": _ExactEmpty, "isnull": IsNull}


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. `max_length` still reaches forms."""

    description = "Text (encrypted at rest)"

    def get_internal_type(self):
        return "TextField"

    def get_lookup(self, lookup_name):
        return _LOOKUPS.get(lookup_name)

    def get_transform(self, lookup_name):
        return None

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)


class EncryptedCharField(EncryptedTextField):
    """One line of text (a title, a step), stored encrypted in a text column; its
    forms get a single-line input and its max_length is validated on the model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        # Field.formfield gives a forms.CharField with a single-line input.
        return models.Field.formfield(self, **{"max_length": self.max_length, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """A small JSON value (e.g. a list of steps), serialised then encrypted."""

    description = "JSON (encrypted at rest)"

    def get_lookup(self, lookup_name):
        return IsNull if lookup_name == "isnull" else None

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        return value

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


def encrypted_field_columns(apps=None):
    """(model, [fields]) for every model with encrypted fields."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    for model in registry.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def _is_token(value: str) -> bool:
    try:
        fernet().decrypt(value.encode())
    except InvalidToken:
        return False
    return True


def _encrypt_plaintext(value):
    if value is None or value == "" or _is_token(value):
        return value
    return encrypt(value)


def _decrypt_token(value):
    if value is None or value == "":
        return value
    return decrypt(value)


def rewrite_columns(apps, connection, label, field_names, convert, batch=500) -> int:
    """Rewrite the stored values of a model's columns in place, in primary-key batches;
    returns how many rows changed. Raw SQL on purpose: the model's own field refuses
    to read plaintext."""
    model = apps.get_model(label)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    columns = [quote(model._meta.get_field(name).column) for name in field_names]
    # Identifiers come from model metadata, never from input; values are parameters.
    select = f"SELECT {pk}, {', '.join(columns)} FROM {table} WHERE {pk} > %s ORDER BY {pk}"
    update = f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk} = %s"
    last, rewritten = 0, 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(f"{select} LIMIT {int(batch)}", [last])
            rows = cursor.fetchall()
            if not rows:
                return rewritten
            for pk_value, *values in rows:
                new = [convert(value) for value in values]
                if new != values:
                    cursor.execute(update, [*new, pk_value])
                    rewritten += 1
            last = rows[-1][0]


def encrypt_existing(label: str, *field_names: str):
    """A migration operation that encrypts the plaintext already stored in these
    fields (idempotent), and decrypts it again if the migration is reversed."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        rewrite_columns(apps, schema_editor.connection, label, field_names, _encrypt_plaintext)

    def backwards(apps, schema_editor):
        rewrite_columns(apps, schema_editor.connection, label, field_names, _decrypt_token)

    return migrations.RunPython(forwards, backwards, elidable=False)


def rotate_token(value):
    """Re-encrypt a stored token with the first key (MultiFernet.rotate)."""
    if value is None or value == "":
        return value
    try:
        return fernet().rotate(value.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS."
        ) from None
