"""Typed readers for environment variables that fail loudly on bad values."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(
    url: str,
    *,
    conn_max_age: int,
    statement_timeout_ms: int,
    lock_timeout_ms: int,
    prepared_statements: bool = False,
) -> dict:
    """Django's database settings for `url`, with the time limits (PostgreSQL) or the
    concurrency settings (SQLite) that this app relies on.

    With `prepared_statements` (PostgreSQL), parameters travel apart from the SQL and
    a connection prepares each statement from its second use: PostgreSQL then parses
    and plans a page's queries once per connection instead of on every request. Off
    behind a connection pooler that cannot keep prepared statements."""
    import dj_database_url

    database = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = (
            f"-c statement_timeout={statement_timeout_ms} -c lock_timeout={lock_timeout_ms}"
        )
        if prepared_statements:
            options.update(server_side_binding=True, prepare_threshold=2)
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        # The local demo: two partners writing at the same moment must both succeed.
        # IMMEDIATE takes the write lock when a transaction starts (a deferred one
        # that reads, then writes, fails at once with "database is locked"), the
        # timeout waits for the other writer, and WAL lets readers go on meanwhile.
        options.update(
            transaction_mode="IMMEDIATE",
            timeout=20,
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        )
    return database


def env_fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (url-safe base64 of 32 bytes); the first one encrypts."""
    # Imported here so the plain helpers above keep working without cryptography.
    from cryptography.fernet import Fernet

    keys = env_list(name, [])
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: key number {position} is not a valid Fernet key (32 url-safe "
                'base64-encoded bytes). Generate one with: python -c "from '
                'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
            ) from None
    return keys


def local_fernet_key(path: Path) -> str:
    """The development key, generated once into a git-ignored file, so the demo
    database stays readable across restarts. Never used in production."""
    from cryptography.fernet import Fernet

    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(Fernet.generate_key().decode() + "\n")
        try:
            # link() refuses to replace an existing file: two processes starting at
            # once (runserver and its reloader) end up with the same key.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text().strip()
    try:
        Fernet(key)
    except ValueError:
        raise ImproperlyConfigured(f"{path} does not hold a valid Fernet key.") from None
    return key
