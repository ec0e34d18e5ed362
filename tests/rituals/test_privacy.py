"""How it felt is its author's alone; private curiosity answers stay private. The
partner sees "we did it"; a consenting therapist sees which rituals and how often
both did them, never a feeling."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from home.data_rights import collect
from pacing.models import gate_for
from rituals import deck
from rituals.models import Card, Feeling

from ..conftest import client_for
from ..therapists.builders import link, make_profile
from .builders import agreed

pytestmark = pytest.mark.django_db

FELT = "felt-marker-only-sam-sees"
ANSWER = "answer-marker-only-sam-sees"


@pytest.fixture
def kept(hurt, involved, sam, alex, couple):
    ritual = agreed(
        hurt, involved, title="Evening tea", starts_on=tz.now().date() - timedelta(weeks=6)
    )
    for day in ritual.schedule.recent(tz.now(), 3):
        ritual.mark(sam, gate_for(couple), day, "did", 3, FELT)
        ritual.mark(alex, gate_for(couple), day, "did")
    deck.answer(sam, Card.objects.filter(tier=0).first(), ANSWER, shared=False)
    return ritual


def _pages(user, ritual):
    urls = [
        ritual.path,
        reverse("rituals:index"),
        reverse("rituals:deck"),
        reverse("together:today"),
        reverse("rituals:answer", args=[Card.objects.filter(tier=0).first().pk]),
    ]
    return "".join(client_for(user).get(url).content.decode() for url in urls)


def test_the_author_sees_their_own(hurt, kept):
    page = _pages(hurt, kept)
    assert FELT in page and ANSWER in page


def test_the_partner_sees_we_did_it_and_never_a_feeling(involved, kept):
    page = _pages(involved, kept)
    assert "your partner: we did it" in page
    assert FELT not in page and ANSWER not in page and "3/10" not in page


def test_the_therapist_sees_counts_and_never_a_feeling(hurt, involved, therapist, couple, kept):
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    client = client_for(therapist)
    page = client.get(reverse("rituals:therapist_couple", args=[couple.pk])).content.decode()
    page += client.get(reverse("therapists:couple_detail", args=[couple.pk])).content.decode()
    assert "Evening tea" in page and "<td>3</td>" in page
    assert FELT not in page and ANSWER not in page


def test_without_consent_the_therapist_sees_nothing(hurt, therapist, couple, kept):
    make_profile(therapist)
    link(couple, therapist, hurt)  # only one partner agreed
    url = reverse("rituals:therapist_couple", args=[couple.pk])
    assert client_for(therapist).get(url).status_code == 404


def test_the_feeling_is_stored_encrypted(kept):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT line FROM rituals_feeling")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(FELT not in value for value in stored)
    assert Feeling.objects.first().line == FELT


def test_the_export_holds_the_authors_own_only(hurt, involved, kept):
    assert FELT in str(collect(hurt)) and ANSWER in str(collect(hurt))
    assert FELT not in str(collect(involved)) and ANSWER not in str(collect(involved))
