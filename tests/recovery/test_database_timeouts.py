"""A database that is too slow answers a calm 503 in time, hands back what was typed,
and the next request works (recovery/views.py, the time limits in the settings)."""

import time
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from checkins.models import Answer, CheckIn

from ..conftest import require

pytestmark = pytest.mark.django_db(transaction=True)


def week_url(name: str) -> str:
    return reverse(f"checkins:{name}", args=[CheckIn.objects.get().week_start.isoformat()])


def setting(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = %s", [name])
        return int(cursor.fetchone()[0])


def test_a_lock_held_past_lock_timeout_answers_503_in_time_and_the_next_request_works(hurt, couple):
    require(connection.vendor == "postgresql", "lock_timeout is PostgreSQL's (DATABASE_URL)")
    assert setting("lock_timeout") == settings.DATABASE_LOCK_TIMEOUT_MS
    assert setting("statement_timeout") == settings.DATABASE_STATEMENT_TIMEOUT_MS
    client = Client(raise_request_exception=False)
    client.force_login(hurt)
    assert client.get(reverse("checkins:this_week")).status_code == HTTPStatus.OK

    # Another session holds the answers table, as a long migration or a stuck job would.
    holder = connection.get_new_connection(connection.get_connection_params())
    try:
        holder.execute(f"LOCK TABLE {Answer._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        response = client.post(
            week_url("save_answer"), {"action": "draft", "win_text": "We cooked together"}
        )
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"]
    assert waited < settings.DATABASE_LOCK_TIMEOUT_MS / 1000 + 2
    page = response.content.decode()
    assert "Please try again in a moment" in page
    assert "We cooked together" in page  # handed back, since it was not saved
    assert "csrfmiddlewaretoken" not in page

    again = client.post(
        week_url("save_answer"), {"action": "draft", "win_text": "We cooked together"}
    )
    assert again.status_code == HTTPStatus.FOUND
    assert Answer.objects.get(author=hurt).win_text == "We cooked together"


def test_other_server_errors_keep_the_plain_500_page(rf):
    from recovery.views import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(rf.get("/"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
