"""The tools' pages: calm layout, strict CSP friendly, headings in order, labelled inputs."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.demo import seed_people
from accounts.models import Membership
from together import demo
from together.models import Goal, Question

from ..conftest import client_for

PAGES = [
    "together:today",
    "together:questions",
    "together:question",
    "together:pause",
    "together:wins",
    "together:goals",
    "together:goal",
    "together:journal",
    "together:self_care",
]


@pytest.fixture
def people(db):
    people = seed_people("demo-pass-2026")
    demo.seed(people)
    return people


@pytest.mark.parametrize("who", ["hurt", "involved"])
@pytest.mark.parametrize("url_name", PAGES)
def test_pages_are_accessible_and_need_no_inline_styles(people, who, url_name):
    couple = Membership.objects.get(user=people["hurt"]).couple
    model = {"together:question": Question, "together:goal": Goal}.get(url_name)
    args = [model.objects.filter(couple=couple).first().pk] if model else []

    response = client_for(people[who]).get(reverse(url_name, args=args))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "style=" not in html and "<style" not in html
    assert "together/together.css" in html
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for field_id in re.findall(r'<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id
