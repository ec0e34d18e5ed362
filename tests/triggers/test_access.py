"""Who may open or change what in the trigger log."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.conftest import client_for
from triggers.models import Reassurance, Sharing, Trigger

from .builders import log


@pytest.fixture
def shared(couple, hurt):
    return log(hurt, sharing=Sharing.SHARE_NOW, intensity=4)


@pytest.fixture
def private(couple, hurt):
    return log(hurt, sharing=Sharing.PRIVATE, intensity=4)


PAGES = ["triggers:index", "triggers:new", "triggers:patterns"]


@pytest.mark.parametrize("persona", ["therapist", "loner"])
@pytest.mark.parametrize("name", PAGES)
def test_people_without_a_couple_get_404(request, shared, persona, name):
    person = request.getfixturevalue(persona)

    assert client_for(person).get(reverse(name)).status_code == HTTPStatus.NOT_FOUND


def test_another_couple_sees_only_their_own_log(shared, outsider):
    client = client_for(outsider)
    index = client.get(reverse("triggers:index"))
    patterns = client.get(reverse("triggers:patterns"), {"of": "partner", "range": "all"})

    assert index.status_code == patterns.status_code == HTTPStatus.OK
    assert list(index.context["mine"]) == list(index.context["shared"]) == []
    assert patterns.context["summary"].total == 0


@pytest.mark.parametrize("persona", ["outsider", "therapist", "loner"])
@pytest.mark.parametrize("name", ["triggers:detail", "triggers:edit"])
def test_people_outside_the_couple_cannot_open_an_entry(request, shared, persona, name):
    person = request.getfixturevalue(persona)

    response = client_for(person).get(reverse(name, args=[shared.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_partner_cannot_edit_a_shared_entry(shared, involved):
    response = client_for(involved).post(
        reverse("triggers:edit", args=[shared.pk]),
        {
            "category": "other",
            "intensity": "0",
            "sharing": "private",
            "occurred_at": "2026-01-01T10:00",
        },
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    shared.refresh_from_db()
    assert (shared.intensity, shared.sharing) == (4, Sharing.SHARE_NOW)


def test_the_partner_gets_404_editing_a_private_entry(private, involved):
    client = client_for(involved)

    assert client.get(reverse("triggers:edit", args=[private.pk])).status_code == 404
    response = client.post(reverse("triggers:edit", args=[private.pk]), {"intensity": "0"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    private.refresh_from_db()
    assert private.intensity == 4


def test_an_outsider_cannot_edit_or_reassure(shared, outsider):
    client = client_for(outsider)

    assert client.post(reverse("triggers:edit", args=[shared.pk]), {}).status_code == 404
    response = client.post(reverse("triggers:reassure", args=[shared.pk]), {"text": "hi"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Reassurance.objects.exists()


def test_nobody_reassures_their_own_entry(shared, hurt):
    response = client_for(hurt).post(
        reverse("triggers:reassure", args=[shared.pk]), {"text": "Talking to myself"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Reassurance.objects.exists()


def test_an_unknown_entry_is_404(couple, hurt):
    assert client_for(hurt).get(reverse("triggers:detail", args=[999])).status_code == 404


def test_the_author_edits_their_own_entry(couple, hurt):
    trigger = log(hurt, sharing=Sharing.PRIVATE, intensity=4)

    response = client_for(hurt).post(
        reverse("triggers:edit", args=[trigger.pk]),
        {
            "category": "memory",
            "intensity": "8",
            "sharing": "private",
            "occurred_at": "2026-01-01T10:00",
            "what_helped": "A walk",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    trigger.refresh_from_db()
    assert (trigger.category, trigger.intensity, trigger.what_helped) == ("memory", 8, "A walk")
    assert Trigger.objects.count() == 1
