"""CSI-4 (Funk & Rogge, 2007): scoring as published, monthly answers, who sees them."""

from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from therapists import csi
from therapists.models import CsiResponse

from ..conftest import client_for
from .builders import link, make_profile, membership_of

LOWEST = {"happiness": 0, "warmth": 0, "rewarding": 0, "satisfaction": 0}
HIGHEST = {"happiness": 6, "warmth": 5, "rewarding": 5, "satisfaction": 5}
CSI_URL = reverse("therapists:csi")


def test_all_lowest_answers_score_zero():
    assert csi.score(LOWEST) == 0


def test_all_highest_answers_score_twenty_one():
    assert csi.score(HIGHEST) == csi.MAX_TOTAL == 21


def test_a_mixed_example_is_the_sum_of_the_items():
    # "Happy" (3), "Mostly true" (3), "Somewhat" (2), "Almost completely" (4).
    answers = {"happiness": 3, "warmth": 3, "rewarding": 2, "satisfaction": 4}

    assert csi.score(answers) == 12
    assert csi.below_cutoff(12)


@pytest.mark.parametrize(("total", "below"), [(0, True), (13, True), (14, False), (21, False)])
def test_the_published_cutoff_is_13_point_5(total, below):
    assert csi.CUTOFF == 13.5
    assert csi.below_cutoff(total) is below


@pytest.mark.parametrize(
    "answers",
    [
        {**LOWEST, "happiness": 7},
        {**LOWEST, "warmth": 6},
        {**LOWEST, "satisfaction": -1},
        {**LOWEST, "rewarding": "3"},
        {key: value for key, value in LOWEST.items() if key != "warmth"},
    ],
)
def test_scoring_refuses_answers_outside_the_published_scales(answers):
    with pytest.raises(ValueError):
        csi.score(answers)


def test_the_items_keep_their_published_scales():
    labels = [[label for _, label in item.choices] for item in csi.ITEMS]
    assert [len(scale) for scale in labels] == [7, 6, 6, 6]
    assert (labels[0][0], labels[0][-1]) == ("Extremely unhappy", "Perfect")
    assert all(scale[0].startswith("Not at all") for scale in labels[1:])
    assert all(scale[-1].startswith("Completely") for scale in labels[1:])


def test_months_roll_over_the_year():
    assert csi.period_of(date(2026, 12, 31)) == "2026-12"
    assert csi.next_month_start(date(2026, 12, 31)) == date(2027, 1, 1)
    assert csi.next_month_start(date(2026, 1, 31)) == date(2026, 2, 1)


@time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False)
def test_a_partner_answers_and_sees_their_total_and_when_the_next_is_due(hurt, couple):
    client = client_for(hurt)

    response = client.post(
        CSI_URL, {"happiness": 4, "warmth": 3, "rewarding": 3, "satisfaction": 4}
    )

    assert response.status_code == HTTPStatus.FOUND
    saved = CsiResponse.objects.get()
    assert (saved.partner, saved.period, saved.total) == (hurt, "2026-11", 14)
    page = client.get(CSI_URL).text
    assert "The next one opens on 1 December 2026" in page
    assert '<th scope="row">November 2026</th><td>14</td>' in page


def test_the_month_follows_the_couple_time_zone(hurt, couple):
    couple.timezone = "Pacific/Auckland"
    couple.save(update_fields=["timezone"])

    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=UTC), tick=False):
        client_for(hurt).post(CSI_URL, HIGHEST)

    assert CsiResponse.objects.get().period == "2026-12"


@time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False)
def test_answering_twice_in_a_month_gives_a_clear_message(hurt, couple):
    client = client_for(hurt)
    client.post(CSI_URL, LOWEST)

    response = client.post(CSI_URL, HIGHEST)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "already answered this month" in response.text
    assert "1 December 2026" in response.text
    assert CsiResponse.objects.get().total == 0


def test_the_partner_page_says_when_this_months_check_is_open(hurt, couple):
    client = client_for(hurt)
    assert "check is open for you" in client.get(reverse("therapists:couple_settings")).text

    client.post(CSI_URL, LOWEST)

    assert "check is open for you" not in client.get(reverse("therapists:couple_settings")).text


def test_a_new_month_opens_a_new_check(hurt, couple):
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=UTC), tick=False):
        client_for(hurt).post(CSI_URL, LOWEST)
    with time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=UTC), tick=False):
        client_for(hurt).post(CSI_URL, HIGHEST)

    assert list(CsiResponse.objects.values_list("period", "total")) == [
        ("2026-12", 21),
        ("2026-11", 0),
    ]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {**LOWEST, "happiness": 7},
        {**LOWEST, "warmth": 6},
        {**LOWEST, "rewarding": "a lot"},
        {**LOWEST, "satisfaction": "-1"},
        {key: value for key, value in LOWEST.items() if key != "rewarding"},
    ],
)
def test_invalid_answers_are_form_errors(hurt, couple, data):
    response = client_for(hurt).post(CSI_URL, data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'class="errorlist' in response.text
    assert not CsiResponse.objects.exists()


def test_each_partner_sees_only_their_own_history(hurt, involved, couple):
    with time_machine.travel(datetime(2026, 10, 5, 12, tzinfo=UTC), tick=False):
        CsiResponse.record(membership_of(hurt), {**LOWEST, "happiness": 1})  # total 1
        CsiResponse.record(membership_of(involved), HIGHEST)  # total 21

    hurt_page = client_for(hurt).get(CSI_URL).text
    involved_page = client_for(involved).get(CSI_URL).text

    assert "<td>1</td>" in hurt_page and "<td>21</td>" not in hurt_page
    assert "<td>21</td>" in involved_page and "<td>1</td>" not in involved_page


def test_the_therapist_sees_both_partners_totals_but_not_the_answers(
    hurt, involved, couple, therapist
):
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    CsiResponse.record(
        membership_of(hurt), {"happiness": 2, "warmth": 3, "rewarding": 3, "satisfaction": 3}
    )
    CsiResponse.record(membership_of(involved), HIGHEST)

    page = client_for(therapist).get(reverse("therapists:couple_detail", args=[couple.pk])).text

    assert '11 <span class="badge">below cut-off</span>' in page
    assert "<td>21</td>" in page
    assert "Extremely unhappy" not in page  # item answers are not shown
