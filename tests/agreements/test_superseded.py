"""A proposal written against a version that is no longer current cannot be accepted,
and the proposer keeps every word of it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from agreements.models import AgreementError, Version

from ..conftest import client_for
from .builders import adopt, form_data, member, propose

SAMS_WORDS = "We each keep one evening a week just for ourselves, no questions asked."


@pytest.fixture
def superseded(hurt, involved, agreement):
    """Sam opens the form on version 1; meanwhile Alex's change becomes version 2."""
    first = adopt(agreement, involved, hurt)
    sams_form = form_data(first.texts() | {"self_care": SAMS_WORDS}, based_on=first)
    adopt(agreement, involved, hurt, therapy="Sessions every other Tuesday.")

    response = client_for(hurt).post(reverse("agreements:propose"), sams_form)

    # Texts are encrypted at rest, so they are compared in Python.
    version = agreement.versions.get(proposed_by=hurt, status=Version.Status.SUPERSEDED)
    assert version.self_care == SAMS_WORDS
    assert response["Location"] == reverse("agreements:version", args=[version.pk])
    return version


def test_a_proposal_on_a_superseded_version_cannot_be_accepted(involved, agreement, superseded):
    current = agreement.versions.get(number=2)

    response = client_for(involved).post(reverse("agreements:accept", args=[superseded.pk]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert "can no longer be accepted" in response.content.decode()
    agreement.refresh_from_db()
    superseded.refresh_from_db()
    assert agreement.current_version == current
    assert superseded.status == Version.Status.SUPERSEDED
    assert superseded.number is None
    with pytest.raises(AgreementError):
        superseded.accept(member(involved))


def test_its_text_stays_with_the_proposer_who_can_carry_it_to_a_new_proposal(
    hurt, agreement, superseded
):
    sam = client_for(hurt)

    page = sam.get(reverse("agreements:version", args=[superseded.pk])).content.decode()

    assert SAMS_WORDS in page
    assert "This proposal can no longer be accepted" in page
    assert f"{reverse('agreements:propose')}?from={superseded.pk}" in page
    form = sam.get(reverse("agreements:propose"), {"from": superseded.pk}).content.decode()
    assert SAMS_WORDS in form
    current = agreement.versions.get(number=2)
    assert f'name="based_on" value="{current.pk}"' in form
    assert "Sessions every other Tuesday." not in form  # Sam's own text, to re-apply on purpose


def test_accept_refuses_an_open_proposal_whose_base_moved_on(hurt, involved, agreement):
    first = adopt(agreement, involved, hurt)
    second = adopt(agreement, involved, hurt, contact="Told the same day.")
    # An open proposal left over from version 1 (as if written before version 2 existed).
    stale = propose(agreement, hurt, based_on=first, digital="Open phones for six more months.")
    Version.objects.filter(pk=stale.pk).update(status=Version.Status.OPEN)

    with pytest.raises(AgreementError, match="can no longer be accepted"):
        stale.accept(member(involved))

    agreement.refresh_from_db()
    assert agreement.current_version == second
