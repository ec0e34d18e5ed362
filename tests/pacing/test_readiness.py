"""The one-minute readiness check, and how it moves the gate."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from accounts.models import Role
from pacing.models import ReadinessReport, gate_for

from ..conftest import client_for
from .builders import open_tier_two, report


def submit(user, **answers):
    data = {"closeness_safety": 6, "body_settled": 6, "note": "", **answers}
    return client_for(user).post(reverse("pacing:readiness"), data)


@pytest.mark.parametrize(("who", "role"), [("hurt", Role.HURT), ("involved", Role.INVOLVED)])
def test_either_partner_can_report_readiness_at_any_time(request, couple, who, role):
    user = request.getfixturevalue(who)

    response = submit(user, closeness_safety=4, body_settled=7, note="Tired but hopeful.")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("pacing:index")
    saved = ReadinessReport.objects.get()
    assert (saved.couple, saved.author, saved.role) == (couple, user, role)
    assert (saved.closeness_safety, saved.body_settled, saved.readiness) == (4, 7, 4)
    assert saved.note == "Tired but hopeful."


def test_the_check_has_two_labelled_questions_and_an_optional_private_note(hurt, couple):
    page = client_for(hurt).get(reverse("pacing:readiness")).text

    assert page.count("<fieldset") == 2
    assert "How safe does closeness with your partner feel right now?" in page
    assert "How settled does your body feel today?" in page
    assert "Only you will ever see this note." in page
    assert 'for="id_closeness_safety_10"' in page


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"closeness_safety": 11}, "Please choose a number from 0 to 10."),
        ({"body_settled": -1}, "Please choose a number from 0 to 10."),
        ({"closeness_safety": "very"}, "Please choose a number from 0 to 10."),
        ({"body_settled": ""}, "Please choose a number from 0 to 10."),
        ({"note": "x" * 1001}, "Please keep the note under 1000 characters."),
    ],
)
def test_invalid_answers_are_a_clear_form_error(hurt, couple, answers, message):
    response = submit(hurt, **answers)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.text
    assert not ReadinessReport.objects.exists()


def test_two_steady_reports_a_week_apart_open_the_next_tier(hurt, couple):
    report(hurt, days_ago=7)
    assert gate_for(couple).tier == 0

    submit(hurt, closeness_safety=6, body_settled=6)

    assert gate_for(couple).tier == 1


def test_a_low_report_from_the_hurt_partner_lowers_the_tier_at_once(hurt, couple):
    open_tier_two(hurt)
    assert gate_for(couple).tier == 2

    submit(hurt, closeness_safety=7, body_settled=2)

    assert gate_for(couple).tier == 0


def test_the_involved_partner_can_lower_the_tier(hurt, involved, couple):
    open_tier_two(hurt)

    submit(involved, closeness_safety=4, body_settled=9)

    assert gate_for(couple).tier == 1


def test_the_involved_partner_cannot_raise_the_tier(hurt, involved, couple):
    report(hurt, days_ago=14)
    report(involved, days_ago=14, closeness=10, body=10)
    report(involved, days_ago=7, closeness=10, body=10)

    submit(involved, closeness_safety=10, body_settled=10)

    assert gate_for(couple).tier == 0


def test_each_person_sees_only_their_own_history(hurt, involved, couple):
    report(hurt, days_ago=2, closeness=3, body=4, note="Words of Sam")
    report(involved, days_ago=1, closeness=8, body=9, note="Words of Alex")

    sams = client_for(hurt).get(reverse("pacing:readiness")).text
    alexs = client_for(involved).get(reverse("pacing:readiness")).text

    assert "Words of Sam" in sams
    assert "Words of Alex" not in sams
    assert "Words of Alex" in alexs
    assert "Words of Sam" not in alexs


@pytest.mark.parametrize("history", [2, 80])
def test_the_readiness_page_runs_a_bounded_number_of_queries(
    hurt, couple, django_assert_max_num_queries, history
):
    for days_ago in range(history):
        report(hurt, days_ago=days_ago)
    client = client_for(hurt)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("pacing:readiness"))
    assert response.status_code == HTTPStatus.OK


def test_reports_in_the_future_do_not_count_yet(hurt, couple):
    report(hurt, days_ago=7)
    report(hurt, at=tz.now() + timedelta(days=1))

    assert gate_for(couple).tier == 0
