"""The false-connection check ("Lately, have I…"): private to its author (and a
consenting therapist), and it can only hold the pace back or lower it."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from accounts.models import Role
from home import data_rights
from pacing.models import FalseConnectionCheck, Often, gate_for

from ..conftest import client_for
from ..therapists.builders import link, make_profile
from .builders import open_tier_two, report

pytestmark = pytest.mark.django_db

CALM = {"rushed": 0, "said_fine": 0, "avoided": 0, "pressured": 0, "affection": 0}
PAGE = reverse("pacing:false_connection")


def answer(user, **answers):
    return client_for(user).post(PAGE, CALM | answers)


def test_the_check_asks_five_kind_questions_on_a_small_scale(hurt, couple):
    page = client_for(hurt).get(PAGE).text

    assert page.count("<fieldset") == 5
    for words in (
        "rushed toward closeness to ease the tension",
        "said things were fine when they weren",
        "avoided a conversation we needed",
        "to forgive or move on",
        "used affection to skip something painful",
    ):
        assert words.lower() in page.lower()
    assert page.count('value="2"') == 5
    assert "Why this matters:" in page


@pytest.mark.parametrize(("who", "role"), [("hurt", Role.HURT), ("involved", Role.INVOLVED)])
def test_either_partner_answers_for_themselves(request, couple, who, role):
    user = request.getfixturevalue(who)

    response = answer(user, avoided=Often.SOMETIMES)

    assert response.status_code == HTTPStatus.FOUND
    saved = FalseConnectionCheck.objects.get()
    assert (saved.couple, saved.author, saved.role, saved.avoided) == (couple, user, role, 1)
    page = client_for(user).get(PAGE).text
    assert "Putting off a hard conversation is understandable." in page  # psychoeducation
    assert "go a little slower" not in page  # "sometimes" holds nothing back


@pytest.mark.parametrize(
    "answers",
    [
        {"rushed": 3},
        {"said_fine": -1},
        {"avoided": "often"},
        {"pressured": ""},
        {"affection": "1.5"},
    ],
)
def test_an_answer_out_of_range_is_a_form_error_never_a_500(hurt, couple, answers):
    response = answer(hurt, **answers)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose one of the three answers." in response.text
    assert not FalseConnectionCheck.objects.exists()


def test_a_missing_answer_is_a_form_error(hurt, couple):
    data = dict(CALM)
    del data["rushed"]

    response = client_for(hurt).post(PAGE, data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not FalseConnectionCheck.objects.exists()


@pytest.mark.parametrize("question", ["rushed", "pressured", "said_fine"])
@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_often_on_rushing_pressure_or_pretending_lowers_tier_two_to_one_at_once(
    request, hurt, couple, who, question
):
    open_tier_two(hurt)
    assert gate_for(couple).tier == 2

    answer(request.getfixturevalue(who), **{question: Often.OFTEN})

    assert gate_for(couple).tier == 1


@pytest.mark.parametrize("question", ["avoided", "affection"])
def test_often_on_the_other_questions_only_informs(hurt, involved, couple, question):
    open_tier_two(hurt)

    answer(involved, **{question: Often.OFTEN})

    assert gate_for(couple).tier == 2


def test_a_calm_check_never_raises_the_tier(hurt, involved, couple):
    report(hurt, days_ago=7)
    report(hurt, days_ago=1)
    assert gate_for(couple).tier == 0

    answer(hurt)
    answer(involved)

    assert gate_for(couple).tier == 0


def test_both_exercises_pages_show_the_lower_tier_at_once(hurt, involved, couple):
    open_tier_two(hurt)

    answer(involved, rushed=Often.OFTEN)

    for user in (hurt, involved):
        page = client_for(user).get(reverse("pacing:index")).text
        assert "Open now: up to tier 1, Talking and listening" in page
        assert "Things slowed down a little recently." in page


def test_the_author_is_told_kindly_why_things_slow_down(hurt, involved, couple):
    answer(involved, rushed=Often.OFTEN)

    page = client_for(involved).get(PAGE).text

    assert "the exercises will go a little slower for now" in page
    assert "That is not a step backwards" in page


def test_the_partner_never_sees_the_others_answers(hurt, involved, couple):
    open_tier_two(hurt)
    answer(hurt, rushed=Often.OFTEN, said_fine=Often.OFTEN, avoided=Often.SOMETIMES)

    for name in ("pacing:false_connection", "pacing:index", "pacing:readiness", "home"):
        page = client_for(involved).get(reverse(name)).text
        assert "<td>Often</td>" not in page and "<td>Sometimes</td>" not in page, name
    partners_page = client_for(involved).get(PAGE).text
    assert "Nothing yet. Your answers will appear here, only for you." in partners_page
    assert "About your last answers" not in partners_page
    exported = data_rights.collect(involved)
    [section] = [s for s in exported if s.key == "false_connection_checks"]
    assert section.rows == []
    [own] = [s for s in data_rights.collect(hurt) if s.key == "false_connection_checks"]
    assert [row["rushed"] for row in own.rows] == ["Often"]


def test_only_the_authors_own_answers_are_visible_to_them(hurt, involved, couple):
    answer(hurt, rushed=Often.OFTEN)
    answer(involved, avoided=Often.SOMETIMES)

    assert [c.author for c in FalseConnectionCheck.objects.visible_to(hurt)] == [hurt]
    assert [c.author for c in FalseConnectionCheck.objects.visible_to(involved)] == [involved]


def test_the_therapist_with_consent_sees_both_partners_answers_over_time(
    hurt, involved, couple, therapist
):
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    FalseConnectionCheck.objects.create(
        couple=couple,
        author=hurt,
        role=Role.HURT,
        created_at=tz.now() - timedelta(days=10),
        **CALM | {"said_fine": Often.OFTEN},
    )
    answer(involved, rushed=Often.OFTEN)

    page = client_for(therapist).get(reverse("therapists:couple_detail", args=[couple.pk])).text

    assert "False-connection checks" in page
    assert "<td>Alex</td><td>Often</td><td>Not at all</td>" in page
    assert "<td>Sam</td><td>Not at all</td><td>Often</td>" in page
    assert page.index("<td>Alex</td><td>Often") < page.index("<td>Sam</td><td>Not at all")


def test_a_therapist_without_consent_sees_nothing(hurt, involved, couple, therapist):
    make_profile(therapist)
    link(couple, therapist, hurt)  # only Sam consented
    answer(involved, rushed=Often.OFTEN)

    response = client_for(therapist).get(reverse("therapists:couple_detail", args=[couple.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
