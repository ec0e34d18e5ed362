"""The Redis cache as an accelerator, never a dependency of a page.

When Redis cannot be reached, a read is a miss and a write is skipped, so sessions
come from PostgreSQL (the `cached_db` engine keeps them there anyway) and cached
results are computed again. The failure is logged once a minute per process, not
once per request, and Redis is left alone for a moment before the next try, so a
Redis that hangs rather than refuses costs one short timeout, not one per lookup.
When it answers again, everything resumes without a restart.

Two things need more than "a miss":
- allauth's login rate limits live in the cache. While Redis is away they are kept
  in this process's memory instead: each web process then counts on its own, a
  looser limit than the shared one, but logins work and an attacker is still slowed.
- A write or delete that could not reach Redis may leave an older copy there (a
  Redis persisted to disk, or a network cut): a session ended during the outage
  could come back from the cache. So the keys this process failed to write are
  deleted from Redis first thing when it answers again.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 60
RETRY_AFTER_SECONDS = 2
# allauth's rate limit counters and their locks (allauth.core.internal.ratelimit).
RATE_LIMIT_PREFIX = "allauth:rl:"
# Enough for every session active during a long outage; beyond it, keys are no longer
# remembered (see "When something fails" in the README on Redis persistence).
MAX_UNSYNCED_KEYS = 100_000


class _Outage:
    """What this process knows about one Redis: shared by the cache objects of all its
    threads (Django makes one per thread), so it is logged and retried once per
    process, and a key that missed Redis is cleaned up whichever thread comes next."""

    def __init__(self):
        self.lock = threading.Lock()
        self.skip_until = 0.0
        self.last_logged = float("-inf")
        self.down = False
        self.unsynced: set[str] = set()


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


class _ReusedClient(RedisCacheClient):
    """Django makes a new redis-py client for every cache call, and each one builds its
    table of several hundred reply handlers: about a tenth of a millisecond, three or
    more times a page. One client per connection pool does the same work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
        self._local = LocMemCache("recovery-cache-fallback", {"TIMEOUT": self.default_timeout})
        with _outages_lock:
            self._outage = _outages.setdefault(str(server), _Outage())

    def _run(self, method: str, keys, miss, *args, version=None, writes=False):
        """Call `method` on Redis; if it cannot answer, on the local fallback for
        rate-limit keys, and otherwise return `miss`."""
        if time.monotonic() >= self._outage.skip_until:
            try:
                self._sync()
                result = getattr(super(), method)(*args, version=version)
            except RedisError as error:
                self._failed(error)
            else:
                self._answered()
                return result
        if writes and len(self._outage.unsynced) < MAX_UNSYNCED_KEYS:
            with self._outage.lock:
                self._outage.unsynced.update(self.make_key(key, version=version) for key in keys)
        if keys and all(str(key).startswith(RATE_LIMIT_PREFIX) for key in keys):
            return getattr(self._local, method)(*args, version=version)
        return miss

    def _sync(self) -> None:
        outage = self._outage
        while outage.unsynced:
            with outage.lock:
                stale = list(outage.unsynced)[:1000]
            self._cache.delete_many(stale)
            with outage.lock:
                outage.unsynced.difference_update(stale)

    def _answered(self) -> None:
        if self._outage.down:
            self._outage.down = False
            self._local.clear()
            logger.warning("The Redis cache answers again; using it.")

    def _failed(self, error: RedisError) -> None:
        outage, now = self._outage, time.monotonic()
        outage.down = True
        outage.skip_until = now + RETRY_AFTER_SECONDS
        if now - outage.last_logged >= LOG_EVERY_SECONDS:
            outage.last_logged = now
            # The error names the server, never a key: keys include session ids.
            logger.warning(
                "The Redis cache is unreachable (%s: %s); serving without it.",
                type(error).__name__,
                error,
            )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("add", [key], False, key, value, timeout, version=version, writes=True)

    def get(self, key, default=None, version=None):
        return self._run("get", [key], default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._run("set", [key], None, key, value, timeout, version=version, writes=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("touch", [key], False, key, timeout, version=version, writes=True)

    def delete(self, key, version=None):
        return self._run("delete", [key], False, key, version=version, writes=True)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._run("get_many", keys, {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._run("has_key", [key], False, key, version=version)

    def incr(self, key, delta=1, version=None):
        result = self._run("incr", [key], None, key, delta, version=version, writes=True)
        if result is None:
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self._run("set_many", keys, keys, data, timeout, version=version, writes=True)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._run("delete_many", keys, None, keys, version=version, writes=True)

    def clear(self):
        # Not remembered for later: a clear that missed Redis is only an emptier cache.
        if time.monotonic() >= self._outage.skip_until:
            try:
                cleared = super().clear()
            except RedisError as error:
                self._failed(error)
            else:
                self._answered()
                return cleared
        self._local.clear()
        return False
