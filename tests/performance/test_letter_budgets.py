"""The letter pages run the same number of queries with 1 or 150 versions of the
letter behind them (each received, commented and answered)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acknowledgement.models import STEPS, Letter, LetterComment, LetterReply, Receive

from ..conftest import client_for
from ..factories import make_couple, make_user
from ..therapists.builders import link

pytestmark = pytest.mark.django_db

# The user, the caller's membership (with the partner's), the navigation's
# count of what is new, then what each page reads (the therapist's access check and
# its audit row on the therapist's page instead of a membership; therapists have their
# own count of what is new too).
BUDGETS = {"index": 7, "write": 7, "letter": 7, "therapist": 6}


def couple_with_letters(count: int):
    hurt = make_user(f"h{count}@example.test", "Sam")
    involved = make_user(f"i{count}@example.test", "Alex")
    therapist = make_user(f"t{count}@example.test", "Dr. Lee", is_therapist=True)
    couple = make_couple(hurt, involved)
    link(couple, therapist, hurt, involved)
    now = timezone.now()
    letters = Letter.objects.bulk_create(
        Letter(
            couple=couple,
            author=involved,
            number=number,
            ready_at=now - timedelta(days=count - number + 1),
            received_at=now,
            choice=Receive.NOW,
            shared_with_therapist_at=now,
            **{name: f"v{number} {name}" for name in STEPS},
        )
        for number in range(1, count + 1)
    )
    LetterComment.objects.bulk_create(
        LetterComment(letter=letter, therapist=therapist, text="A thought") for letter in letters
    )
    LetterReply.objects.bulk_create(
        LetterReply(couple=couple, letter=letter, author=hurt, text="Thank you", shared_at=now)
        for letter in letters
    )
    draft = Letter.objects.create(
        couple=couple,
        author=involved,
        number=count + 1,
        review_asked_at=now,
        reviewer=therapist,
        what_i_did="x",
    )
    LetterComment.objects.create(letter=draft, therapist=therapist, text="Another thought")
    return hurt, involved, therapist, couple, letters[-1]


def queries(client, url) -> int:
    cache.clear()
    client.get(url)  # warm: the session and the navigation's cached parts
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    # The session is read from the database only when the cache lost it: never counted.
    return sum("django_session" not in query["sql"] for query in captured.captured_queries)


def counts(size: int) -> dict[str, int]:
    hurt, involved, therapist, couple, latest = couple_with_letters(size)
    alex, sam, dr_lee = client_for(involved), client_for(hurt), client_for(therapist)
    return {
        "index (author)": queries(alex, reverse("acknowledgement:index")),
        "index (hurt partner)": queries(sam, reverse("acknowledgement:index")),
        "write": queries(alex, reverse("acknowledgement:write")),
        "letter (author)": queries(alex, latest.path),
        "letter (hurt partner)": queries(sam, latest.path),
        "therapist": queries(dr_lee, reverse("acknowledgement:therapist", args=[couple.pk])),
    }


def test_the_letter_pages_do_not_grow_with_the_number_of_versions():
    # The clock stands still: on a busy machine a minute could pass between pages, and
    # the session's "last seen" would then be written during a counted request.
    with time_machine.travel(timezone.now(), tick=False):
        one, many = counts(1), counts(150)
    assert one == many
    for page, count in one.items():
        assert count <= BUDGETS[page.split(" ")[0]], (page, count)
