"""`/health/` for a load balancer: can this web process serve people right now?

The database is required (503 without it). Redis and the Celery broker are reported
but do not fail the check: without them pages still work, only slower, and owed
emails wait (README "When something fails").
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from recovery.celery import app as celery_app

CHECK_TIMEOUT_SECONDS = 2


def _database() -> str:
    try:
        connection.ensure_connection()
    except DatabaseError:
        return "down"
    return "ok" if connection.is_usable() else "down"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_connect_timeout=CHECK_TIMEOUT_SECONDS,
            socket_timeout=CHECK_TIMEOUT_SECONDS,
        )
        client.ping()
    except redis.RedisError:
        return "down"
    return "ok"


def _broker() -> str:
    if celery_app.conf.task_always_eager:
        return "not configured"  # tasks run inline (the local demo)
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=CHECK_TIMEOUT_SECONDS)
    except Exception:  # noqa: BLE001 - kombu raises transport-specific errors
        return "down"
    return "ok"


@login_not_required
@never_cache
@require_GET
def health(request):
    state = {"database": _database(), "redis": _redis(), "broker": _broker()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)
