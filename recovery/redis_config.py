"""The settings that follow from REDIS_URL, in one function so that tests pointing
the app at a Redis of their own get exactly what production gets."""

# Markup drawn from the product's own words only (the navigation), kept in each
# process whatever the cache: never anything a person wrote.
FRAGMENTS = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}


def redis_settings(url: str) -> dict:
    if not url:
        return {
            "CACHES": {
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "fragments": FRAGMENTS,
            },
            "SESSION_ENGINE": "django.contrib.sessions.backends.db",
            "CELERY_BROKER_URL": "memory://",
            "CELERY_TASK_ALWAYS_EAGER": True,
        }
    return {
        "CACHES": {
            "default": {
                # Redis down is a cache miss, not an error page (recovery/cache.py).
                "BACKEND": "recovery.cache.ResilientRedisCache",
                "LOCATION": url,
                # A Redis that hangs must cost a page a fraction of a second, once.
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            },
            "fragments": FRAGMENTS,
        },
        # Sessions are read on every request: from Redis, with the database as the
        # record (a login survives a Redis restart, and works while Redis is down).
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "CELERY_BROKER_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": False,
    }
