"""The inbox, its count and the couple home's notices run the same number of queries
after a week or after three years of notices."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from notices.models import Kind, Notice

from ..conftest import client_for

KINDS = list(Kind)
# The session, the person, the nav's membership and count, the page of notices and its
# paginator's count; the couple home adds its own reads to its own budget.
INBOX_QUERIES = 7
COUNT_QUERIES = 4


def history(user, weeks: int) -> None:
    now = timezone.now()
    Notice.objects.bulk_create(
        Notice(
            recipient=user,
            kind=KINDS[(week * 5 + n) % len(KINDS)],
            path="/triggers/1/",
            created_at=now - timedelta(weeks=week, hours=n),
            read_at=now if week % 3 == 1 else None,
        )
        for week in range(weeks)
        for n in range(5)
    )


@pytest.mark.parametrize("weeks", [1, 150])
def test_inbox_and_count_have_a_fixed_budget(hurt, couple, weeks, django_assert_max_num_queries):
    history(hurt, weeks)
    client = client_for(hurt)
    client.get(reverse("notices:inbox"))  # the session's first save is not the page's

    with django_assert_max_num_queries(INBOX_QUERIES):
        inbox = client.get(reverse("notices:inbox"), {"page": 2 if weeks > 1 else 1})
    with django_assert_max_num_queries(COUNT_QUERIES):
        count = client.get(reverse("notices:count"), headers={"HX-Request": "true"})

    assert inbox.status_code == count.status_code == HTTPStatus.OK
    unread = Notice.objects.filter(recipient=hurt, read_at__isnull=True).count()
    assert f'data-notice-count="{unread}"' in count.content.decode()
