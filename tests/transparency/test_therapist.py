"""The therapist and heads-ups: weekly counts come with the couple's consent; what
heads-ups and plans say only when both partners also chose that separate item, which
is off unless chosen."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from checkins import weeks
from therapists.models import AuditEntry, Consent, TherapistLink
from transparency.models import HeadsUp, HeadsUpKind, WeekPlan

from ..conftest import client_for, reauthenticated_client
from ..therapists.builders import link, make_profile

pytestmark = pytest.mark.django_db

LINE = "Coffee with my sister, back by four."
PLAN = "Dentist at nine"


def member(user) -> Membership:
    return Membership.objects.active().select_related("couple", "user").get(user=user)


@pytest.fixture
def shared(couple, hurt, involved, therapist):
    make_profile(therapist)
    HeadsUp.post(member(involved), HeadsUpKind.CHANGE_OF_PLAN, line=LINE)
    week = weeks.week_start_for(timezone.now(), couple.zone)
    WeekPlan.save_for(member(involved), week, [PLAN], share=True)
    return link(couple, therapist, hurt, involved)


def pages(couple):
    return (
        reverse("transparency:therapist_couple", args=[couple.pk]),
        reverse("transparency:therapist_heads_ups", args=[couple.pk]),
    )


def choose(user, on: bool):
    data = {"heads_ups_and_plans": "on"} if on else {}
    return reauthenticated_client(user).post(reverse("therapists:consent"), data)


def test_the_item_is_off_unless_chosen(shared, hurt):
    assert not Consent.objects.filter(heads_ups_and_plans=True).exists()
    page = reauthenticated_client(hurt).get(reverse("therapists:consent")).content.decode()
    assert 'name="heads_ups_and_plans"' in page
    assert 'name="heads_ups_and_plans" id="id_heads_ups_and_plans" aria' in page  # not checked


@pytest.mark.parametrize(
    ("hurt_chose", "involved_chose", "reads_text"),
    [(False, False, False), (True, False, False), (False, True, False), (True, True, True)],
)
def test_the_text_needs_both_partners(
    shared, couple, hurt, involved, therapist, hurt_chose, involved_chose, reads_text
):
    for person, chose in ((hurt, hurt_chose), (involved, involved_chose)):
        assert choose(person, chose).status_code == HTTPStatus.FOUND
    counts, text = pages(couple)
    lee = client_for(therapist)

    summary = lee.get(counts)
    assert summary.status_code == HTTPStatus.OK
    assert LINE not in summary.content.decode()
    assert "<td>1</td>" in summary.content.decode()  # this week: a heads-up, plans shared
    response = lee.get(text)
    expected = HTTPStatus.OK if reads_text else HTTPStatus.NOT_FOUND
    assert response.status_code == expected
    assert (LINE in response.content.decode()) == reads_text
    assert (PLAN in response.content.decode()) == reads_text


def test_either_partner_can_take_the_item_back(shared, couple, hurt, involved, therapist):
    choose(hurt, True)
    choose(involved, True)
    _counts, text = pages(couple)
    assert client_for(therapist).get(text).status_code == HTTPStatus.OK

    choose(hurt, False)

    assert client_for(therapist).get(text).status_code == HTTPStatus.NOT_FOUND
    assert Consent.objects.active().count() == 2  # the consent itself stays


def test_no_consent_no_counts(shared, couple, hurt, therapist):
    Consent.withdraw(TherapistLink.objects.get(couple=couple), hurt)
    for url in pages(couple):
        assert client_for(therapist).get(url).status_code == HTTPStatus.NOT_FOUND


def test_every_view_is_recorded_for_the_couple(shared, couple, hurt, involved, therapist):
    choose(hurt, True)
    choose(involved, True)
    for url in pages(couple):
        client_for(therapist).get(url)
    assert AuditEntry.objects.filter(couple_id=couple.pk, action="view_transparency").count() == 2
