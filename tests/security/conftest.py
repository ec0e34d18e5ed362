import pytest
from django.db import transaction
from django.test import override_settings

from .world import build, sign_in_everyone


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end, so
    the rows never reach other tests. Each test's own transaction nests inside it."""
    # Therapist two-step sign-in is tested in tests/therapists; here therapists are in.
    with (
        override_settings(THERAPIST_MFA_REQUIRED=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build()
        sign_in_everyone(world)
        yield world
        transaction.set_rollback(True)
