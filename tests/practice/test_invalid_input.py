"""Invalid input is a form error (or 403/404), never a 500."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse

from practice.models import AgendaItem, Practice, this_week

from ..conftest import client_for
from ..factories import make_couple, make_user
from ..therapists.builders import link
from .builders import written

pytestmark = pytest.mark.django_db


def _post(client, couple, **data):
    return client.post(reverse("practice:write", args=[couple.pk]), data)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": "x", "week": "past", "for_whom": "both"}, "That week is over."),
        ({"text": "x", "week": "not a date", "for_whom": "both"}, "Enter a valid date."),
        ({"text": "", "week": "now", "for_whom": "both"}, "Choose an exercise from the library"),
        ({"text": "x", "week": "now", "for_whom": "everyone"}, "Select a valid choice."),
        ({"exercise": "999999999", "week": "now", "for_whom": "both"}, "Select a valid choice."),
        ({"exercise": "abc", "week": "now", "for_whom": "both"}, "Select a valid choice."),
        ({"text": "x" * 2001, "week": "now", "for_whom": "both"}, "at most 2000"),
        ({"focus": "diary", "week": "now", "for_whom": "both"}, "Select a valid choice."),
    ],
)
def test_practice_form_errors(couple, lee, data, error):
    week = this_week(couple)
    values = {"past": (week - timedelta(days=1)).isoformat(), "now": week.isoformat()}
    data = {k: values.get(v, v) for k, v in data.items()}
    response = _post(client_for(lee), couple, **data)
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert error in response.text
    assert not Practice.objects.exists()


def test_a_practice_for_another_therapists_couple_is_a_404(couple, lee, ng):
    other = make_couple(make_user("robin@example.test", "Robin"), make_user("j@example.test", "J"))
    link(other, ng, *[m.user for m in other.memberships.all()])
    week = this_week(couple).isoformat()
    response = _post(client_for(lee), other, text="x", week=week, for_whom="both")
    assert response.status_code == HTTPStatus.NOT_FOUND
    response = _post(client_for(ng), couple, text="x", week=week, for_whom="both")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Practice.objects.exists()


def test_bad_marks_and_agenda_items(couple, hurt, lee):
    practice = written(couple, lee)
    client = client_for(hurt)
    bad_mark = client.post(reverse("practice:mark", args=[practice.pk]), {"outcome": "maybe"})
    assert bad_mark.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    line_without = client.post(
        reverse("practice:mark", args=[practice.pk]), {"outcome": "done", "line": "hm"}
    )
    assert line_without.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    for data in ({"about": "own", "text": ""}, {"about": "nope", "text": "x"}, {"text": "x" * 501}):
        response = client.post(reverse("practice:agenda"), data)
        assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not AgendaItem.objects.exists()
    empty_note = client_for(lee).post(reverse("practice:close_agenda", args=[couple.pk]), {})
    assert empty_note.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    missing = client.get(reverse("practice:detail", args=[2**63 - 1]))
    assert missing.status_code == HTTPStatus.NOT_FOUND
