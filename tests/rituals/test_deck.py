"""The curiosity deck: open questions, drawn only from the tiers the gate opens."""

from collections import Counter
from http import HTTPStatus

import pytest
from django.urls import reverse

from pacing.models import gate_for
from rituals import deck
from rituals.models import Card, CardAnswer, Draw, Favourite

from ..conftest import client_for
from .builders import open_tier_three, set_ceiling

pytestmark = pytest.mark.django_db


def test_the_deck_has_at_least_sixty_questions_across_every_tier(db):
    per_tier = Counter(Card.objects.values_list("tier", flat=True))
    assert Card.objects.count() >= 60
    assert set(per_tier) == {0, 1, 2, 3, 4} and min(per_tier.values()) >= 10
    words = " ".join(Card.objects.values_list("text", flat=True)).lower()
    for word in ("affair", "cheat", "betray", "infidel", "unfaithful"):
        assert word not in words


def test_a_card_is_never_drawn_from_a_closed_tier(sam):
    result = gate_for(sam.couple)
    assert result.tier == 0
    for _ in range(40):
        deck.draw(sam, result)
    assert set(Draw.objects.values_list("card__tier", flat=True)) == {0}


def test_draw_skip_and_keep(hurt, sam):
    client = client_for(hurt)
    client.post(reverse("rituals:draw"))
    first = Draw.objects.get()
    page = client.get(reverse("rituals:deck")).content.decode()
    assert first.card.text.replace("'", "&#x27;") in page
    client.post(reverse("rituals:skip"))
    first.refresh_from_db()
    assert first.skipped_at is not None and Draw.objects.count() == 2
    current = Draw.objects.order_by("-pk").first()
    assert current.card_id != first.card_id  # not drawn again while others are left
    client.post(reverse("rituals:favourite", args=[current.card_id]))
    assert Favourite.objects.filter(couple=sam.couple, card=current.card).exists()
    client.post(reverse("rituals:favourite", args=[current.card_id]))
    assert not Favourite.objects.exists()


def test_a_closed_card_is_refused_kindly_and_hidden(hurt, involved, sam, couple):
    open_tier_three(hurt, involved)
    deep = Card.objects.filter(tier=3).first()
    deck.toggle_favourite(sam, deep)
    deck.answer(sam, deep, "About the mountains.", shared=True)
    set_ceiling(couple, 1)
    response = client_for(hurt).get(reverse("rituals:answer", args=[deep.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "It will be here again when the time is right." in response.content.decode()
    fav = client_for(hurt).post(reverse("rituals:favourite", args=[deep.pk]))
    assert fav.status_code == HTTPStatus.FORBIDDEN
    page = client_for(involved).get(reverse("rituals:deck")).content.decode()
    assert deep.text.replace("'", "&#x27;") not in page and "About the mountains." not in page


def test_a_private_answer_stays_private_and_a_shared_one_is_shared(hurt, involved, sam):
    card = Card.objects.filter(tier=0).first()
    url = reverse("rituals:answer", args=[card.pk])
    client_for(hurt).post(url, {"text": "Only mine to know."})
    assert CardAnswer.objects.get().shared is False
    client_for(involved).post(url, {"text": "Happy to tell you.", "shared": "on"})
    sam_page = client_for(hurt).get(url).content.decode()
    alex_page = client_for(involved).get(url).content.decode()
    alex_deck = client_for(involved).get(reverse("rituals:deck")).content.decode()
    assert "Happy to tell you." in sam_page
    assert "Only mine to know." not in alex_page and "Only mine to know." not in alex_deck
    assert "Only mine to know." in sam_page  # in her own form


def test_an_empty_answer_is_a_form_error(hurt, couple):
    card = Card.objects.filter(tier=0).first()
    response = client_for(hurt).post(reverse("rituals:answer", args=[card.pk]), {"text": ""})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
