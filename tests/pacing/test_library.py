"""The exercise library loaded by the data migration, and its admin."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pacing.models import Exercise

from ..conftest import client_for
from ..factories import make_user

SLUGS_BY_THEME = {
    "speaking truthfully and gently": ("speaking-truthfully-and-gently", {0, 1}),
    "listening to understand": ("listening-to-understand", {0, 1}),
    "appreciating small wins": ("appreciating-small-wins", {2, 3}),
    "allowing emotional differences": ("room-for-different-feelings", {2, 3}),
    "a walk": ("a-walk-together", {2, 3}),
    "cooking": ("cooking-something-simple", {2, 3}),
    "praying or a quiet moment": ("a-shared-quiet-moment", {2, 3}),
    "laughing": ("something-that-makes-us-laugh", {2, 3}),
    "vulnerability": ("what-i-find-hard-to-say", {3}),
    "shared goals": ("our-next-chapter", {3}),
    "physical closeness": ("a-hand-to-hold", {4}),
}


@pytest.mark.django_db
def test_the_library_has_at_least_15_exercises_in_5_tiers():
    library = list(Exercise.objects.all())

    assert len(library) >= 15
    assert {e.tier for e in library} == {0, 1, 2, 3, 4}
    for item in library:
        assert len(item.step_list) >= 3, item.slug
        assert len(item.purpose) > 80, item.slug
        assert 1 <= item.minutes <= 60, item.slug


@pytest.mark.django_db
@pytest.mark.parametrize("theme", SLUGS_BY_THEME)
def test_the_library_covers_each_theme_in_its_place(theme):
    slug, tiers = SLUGS_BY_THEME[theme]

    assert Exercise.objects.get(slug=slug).tier in tiers


@pytest.mark.django_db
def test_physical_closeness_comes_last_and_centres_consent():
    closeness = Exercise.objects.filter(tier=4)

    assert closeness.exists()
    assert not Exercise.objects.filter(tier__gt=4).exists()
    for item in closeness:
        text = (item.purpose + item.steps).lower()
        assert any(word in text for word in ("ask", "yes", "stop")), item.slug


@pytest.mark.django_db
def test_the_library_uses_our_words():
    for item in Exercise.objects.all():
        text = f"{item.title} {item.purpose} {item.steps}".lower()
        for word in ("cheater", "cheating", "victim", "perpetrator"):
            assert word not in text, (item.slug, word)


@pytest.mark.django_db
def test_staff_can_edit_the_library_in_the_admin():
    staff = make_user("staff@example.test", "Staff", is_staff=True, is_superuser=True)
    item = Exercise.objects.get(slug="a-walk-together")
    client = client_for(staff)

    page = client.get(reverse("admin:pacing_exercise_change", args=[item.pk]))
    assert page.status_code == HTTPStatus.OK
    data = {
        "slug": item.slug,
        "tier": 2,
        "title": "A slow walk together",
        "purpose": item.purpose,
        "steps": item.steps,
        "minutes": 40,
        "order": item.order,
    }
    response = client.post(reverse("admin:pacing_exercise_change", args=[item.pk]), data)

    assert response.status_code == HTTPStatus.FOUND
    item.refresh_from_db()
    assert (item.title, item.minutes) == ("A slow walk together", 40)


def test_a_slug_used_by_another_page_is_refused(db):
    item = Exercise(slug="readiness", tier=0, title="T", purpose="P", steps="S", minutes=5)

    with pytest.raises(ValidationError):
        item.full_clean()
