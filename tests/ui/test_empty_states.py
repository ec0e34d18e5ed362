"""Every list, empty at first, says what will appear there and what to do next."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from ..conftest import client_for

LIST_PAGES = [
    ("hurt", "triggers:index", 2),  # my entries, and what my partner shared
    ("hurt", "triggers:patterns", 1),
    ("hurt", "checkins:history", 1),
    ("hurt", "agreements:history", 2),  # versions and reviews
    ("hurt", "pacing:readiness", 1),
    ("hurt", "together:questions", 1),
    ("involved", "together:questions", 1),
    ("hurt", "together:wins", 1),
    ("hurt", "together:goals", 1),
    ("hurt", "together:journal", 1),
]


@pytest.mark.parametrize(("who", "url_name", "count"), LIST_PAGES)
def test_an_empty_list_explains_itself(request, couple, who, url_name, count):
    client = client_for(request.getfixturevalue(who))

    response = client.get(reverse(url_name))

    assert response.status_code == HTTPStatus.OK
    assert response.text.count('class="empty-state"') == count


def test_the_empty_trigger_log_offers_the_next_step(hurt, couple):
    response = client_for(hurt).get(reverse("triggers:index"))

    empty = response.text.split('class="empty-state"')[1].split("</div>")[0]
    assert reverse("triggers:new") in empty
