"""Bad input is a clear error (or a 404 for outsiders), never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from agreements.content import starter_sections
from agreements.models import SECTION_MAX_LENGTH, Acceptance, Agreement, Version

from ..conftest import client_for
from .builders import adopt, form_data, propose


@pytest.fixture
def current(hurt, involved, agreement):
    return adopt(agreement, involved, hurt)


@pytest.fixture
def waiting(hurt, agreement, current):
    return propose(agreement, hurt, digital="Phones stay open for now.")


def test_an_empty_agreement_is_a_form_error(hurt, current):
    empty = dict.fromkeys(starter_sections(), "   ")

    response = client_for(hurt).post(
        reverse("agreements:propose"), form_data(empty, based_on=current)
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "can&#x27;t be empty" in response.content.decode()
    assert Version.objects.count() == 1


def test_a_section_over_the_limit_is_a_form_error(hurt, current):
    too_long = current.texts() | {"contact": "x" * (SECTION_MAX_LENGTH + 1)}

    response = client_for(hurt).post(
        reverse("agreements:propose"), form_data(too_long, based_on=current)
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert f"Please keep this under {SECTION_MAX_LENGTH} characters" in response.content.decode()
    assert Version.objects.count() == 1


def test_a_missing_reason_is_a_form_error(hurt, current):
    data = form_data(current.texts() | {"contact": "Changed."}, based_on=current, reason="")

    response = client_for(hurt).post(reverse("agreements:propose"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please add a short reason" in response.content.decode()


@pytest.mark.parametrize("field", ["based_on", "replaces"])
@pytest.mark.parametrize("value", ["abc", "999999", "-1"])
def test_a_tampered_hidden_field_is_a_form_error(hurt, current, field, value):
    data = form_data(current.texts() | {"contact": "Changed."}, based_on=current)
    data[field] = value

    response = client_for(hurt).post(reverse("agreements:propose"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "This page was out of date" in response.content.decode()


def test_accepting_ones_own_proposal_twice_is_a_clear_error(hurt, waiting):
    sam = client_for(hurt)

    responses = [sam.post(reverse("agreements:accept", args=[waiting.pk])) for _ in range(2)]

    for response in responses:
        assert response.status_code == HTTPStatus.CONFLICT
        assert "your acceptance already counts" in response.content.decode()
    assert Acceptance.objects.filter(version=waiting).count() == 1
    waiting.refresh_from_db()
    assert waiting.status == Version.Status.OPEN


def test_accepting_twice_does_not_count_twice(involved, agreement, waiting):
    alex = client_for(involved)
    alex.post(reverse("agreements:accept", args=[waiting.pk]))

    again = alex.post(reverse("agreements:accept", args=[waiting.pk]))

    assert again.status_code == HTTPStatus.CONFLICT
    assert "no longer open" in again.content.decode()
    assert Acceptance.objects.filter(version=waiting, partner=involved).count() == 1
    assert agreement.versions.filter(status=Version.Status.ACCEPTED).count() == 2


def test_accepting_a_withdrawn_proposal_is_a_clear_error(
    hurt, involved, agreement, current, waiting
):
    client_for(hurt).post(reverse("agreements:withdraw", args=[waiting.pk]))

    response = client_for(involved).post(reverse("agreements:accept", args=[waiting.pk]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert "no longer open: withdrawn" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.current_version == current


def test_declining_needs_a_comment(involved, waiting):
    response = client_for(involved).post(
        reverse("agreements:decline", args=[waiting.pk]), {"comment": "  "}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please add a few words" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Version.Status.OPEN


@pytest.mark.parametrize(("who", "action"), [("involved", "withdraw"), ("hurt", "decline")])
def test_a_partner_cannot_act_in_the_others_place(request, waiting, who, action):
    client = client_for(request.getfixturevalue(who))

    response = client.post(reverse(f"agreements:{action}", args=[waiting.pk]), {"comment": "No"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    waiting.refresh_from_db()
    assert waiting.status == Version.Status.OPEN


@pytest.mark.parametrize("who", ["outsider", "therapist"])
@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_people_outside_the_couple_get_404_on_its_proposals(
    request, agreement, waiting, who, action
):
    client = client_for(request.getfixturevalue(who))

    response = client.post(reverse(f"agreements:{action}", args=[waiting.pk]), {"comment": "x"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    waiting.refresh_from_db()
    agreement.refresh_from_db()
    assert waiting.status == Version.Status.OPEN
    assert agreement.versions.filter(status=Version.Status.ACCEPTED).count() == 1


def test_another_couples_member_cannot_read_or_build_on_this_agreement(outsider, current, waiting):
    robin = client_for(outsider)

    page = robin.get(reverse("agreements:version", args=[waiting.pk]))
    proposal = robin.post(
        reverse("agreements:propose"),
        form_data(current.texts() | {"contact": "Mine now"}, based_on=current, replaces=waiting),
    )
    prefill = robin.get(reverse("agreements:propose"), {"from": current.pk})

    assert page.status_code == HTTPStatus.NOT_FOUND
    assert proposal.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert prefill.status_code == HTTPStatus.NOT_FOUND
    robins = Agreement.objects.get(couple__memberships__user=outsider)
    assert not robins.versions.exists()
    waiting.refresh_from_db()
    assert waiting.status == Version.Status.OPEN


@pytest.mark.parametrize("value", ["abc", "1e3", "99999999999999999999999", ""])
def test_odd_prefill_parameters_never_break_the_form(hurt, current, value):
    response = client_for(hurt).get(reverse("agreements:propose"), {"from": value})

    assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}


@pytest.mark.parametrize(
    "query", [{"older": "abc", "newer": "1"}, {"older": "999999"}, {"newer": "-5", "older": ""}]
)
def test_comparing_unknown_versions_is_a_form_error(hurt, current, query):
    response = client_for(hurt).get(reverse("agreements:compare"), query)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert (
        "Please choose a version" in response.content.decode()
        or "required" in response.content.decode()
    )


def test_comparing_with_another_couples_version_is_a_form_error(hurt, involved, outsider, current):
    robins = Agreement.objects.for_couple(outsider.memberships.get().couple)
    robins_partner = robins.couple.memberships.exclude(user=outsider).get().user
    theirs = adopt(robins, outsider, robins_partner)

    response = client_for(hurt).get(
        reverse("agreements:compare"), {"older": theirs.pk, "newer": current.pk}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert theirs.contact[:20] not in response.content.decode()


@pytest.mark.parametrize("choice", ["", "maybe", "REAFFIRM"])
def test_a_review_answer_must_be_one_of_the_two_choices(hurt, agreement, current, choice):
    from datetime import timedelta

    from django.utils import timezone

    from agreements.models import open_due_reviews

    open_due_reviews(timezone.now() + timedelta(days=31))

    response = client_for(hurt).post(reverse("agreements:review"), {"choice": choice})

    # The review page opens the review itself when it is due; here it already is.
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose one of the two answers" in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["overview", "propose", "history", "compare", "print", "review"]
)
def test_every_page_opens_for_a_partner(hurt, waiting, url_name):
    response = client_for(hurt).get(reverse(f"agreements:{url_name}"), follow=True)

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "url_name", ["overview", "propose", "history", "compare", "print", "review"]
)
@pytest.mark.parametrize("who", ["therapist", "loner"])
def test_people_without_a_couple_get_404(request, url_name, who):
    response = client_for(request.getfixturevalue(who)).get(reverse(f"agreements:{url_name}"))

    assert response.status_code == HTTPStatus.NOT_FOUND
