"""Every version is kept with who accepted it and when; any two can be compared;
the current agreement prints cleanly."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from agreements.models import Acceptance, Review, ReviewResponse, Version

from ..conftest import client_for
from .builders import adopt, member, propose


def add_history(agreement, hurt, involved, count: int) -> None:
    """`count` accepted versions written straight to the database, as years of use would."""
    start = timezone.now() - timedelta(days=count)
    versions = Version.objects.bulk_create(
        Version(
            agreement=agreement,
            number=n,
            digital=f"Version {n} of our phone agreement.",
            reason=f"Reason number {n}",
            proposed_by=hurt if n % 2 else involved,
            proposed_at=start + timedelta(days=n),
            status=Version.Status.ACCEPTED,
            took_effect_at=start + timedelta(days=n, hours=1),
        )
        for n in range(1, count + 1)
    )
    Acceptance.objects.bulk_create(
        Acceptance(version=v, partner=p, accepted_at=v.proposed_at)
        for v in versions
        for p in (hurt, involved)
    )
    agreement.current_version = versions[-1]
    agreement.save(update_fields=["current_version"])
    reviews = Review.objects.bulk_create(
        Review(
            agreement=agreement,
            opened_at=v.took_effect_at,
            due_at=v.took_effect_at,
            completed_at=v.took_effect_at + timedelta(hours=2),
            outcome=Review.Outcome.REAFFIRMED,
        )
        for v in versions[:: max(1, count // 20)]
    )
    ReviewResponse.objects.bulk_create(
        ReviewResponse(review=r, partner=p, choice="reaffirm", successes="We kept our walks.")
        for r in reviews
        for p in (hurt, involved)
    )


@pytest.mark.parametrize("count", [2, 200])
def test_the_history_page_runs_a_bounded_number_of_queries(
    hurt, involved, agreement, django_assert_max_num_queries, count
):
    add_history(agreement, hurt, involved, count)
    client = client_for(hurt)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("agreements:history"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert html.count("data-version>") == count
    assert html.count("data-review>") == Review.objects.count()
    assert html.count("We kept our walks.") == 2 * Review.objects.count()


def test_history_shows_text_reason_proposer_and_acceptances(hurt, involved, agreement):
    first = adopt(agreement, involved, hurt)
    second = adopt(agreement, hurt, involved, contact="Work contact only, told the same day.")
    declined = propose(agreement, involved, digital="Passwords private again.")
    declined.decline(member(hurt), "Not yet, maybe after the summer.")

    page = client_for(involved).get(reverse("agreements:history")).content.decode()

    assert "Version 1" in page and "Version 2" in page
    assert "Work contact only, told the same day." in page
    assert "Passwords private again." in page
    assert "Not yet, maybe after the summer." in page
    assert "Proposed by Sam" in page and "Proposed by Alex" in page
    for version in (first, second):
        for acceptance in version.acceptances.all():
            when = timezone.localtime(acceptance.accepted_at).strftime("%-d %B %Y, %H:%M")
            assert f"Accepted by {acceptance.partner.display_name} on {when}" in page


def test_any_two_versions_can_be_compared(hurt, involved, agreement):
    first = adopt(agreement, involved, hurt, contact="No contact with the other person.")
    adopt(agreement, hurt, involved, therapy="Weekly sessions.")
    third = adopt(agreement, involved, hurt, contact="No contact at all, told the same day.")
    client = client_for(hurt)

    page = client.get(reverse("agreements:compare"), {"older": first.pk, "newer": third.pk})

    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert '<del><span class="visually-hidden">removed: </span>with the other person</del>' in html
    assert (
        '<ins><span class="visually-hidden">added: </span>at all, told the same day</ins>' in html
    )
    assert "Weekly sessions" in html  # the therapy change between them shows too
    assert "<html" in html


def test_compare_answers_htmx_with_just_the_comparison(hurt, involved, agreement):
    first = adopt(agreement, involved, hurt)
    second = adopt(agreement, hurt, involved, self_care="A walk alone each weekend.")

    response = client_for(hurt).get(
        reverse("agreements:compare"),
        {"older": first.pk, "newer": second.pk},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.lstrip().startswith('<div id="comparison">')
    assert "<html" not in html and "quick-exit" not in html
    assert "a walk alone each weekend" in html.lower()


def test_compare_defaults_to_the_last_two_versions(hurt, involved, agreement):
    adopt(agreement, involved, hurt)
    adopt(agreement, hurt, involved, whereabouts="We share plans on Sunday and Wednesday.")

    html = client_for(hurt).get(reverse("agreements:compare")).content.decode()

    assert "From Version 1 to Version 2" in html
    assert "Wednesday" in html


def test_the_print_view_shows_the_current_agreement_with_acceptance_dates(
    hurt, involved, agreement
):
    adopt(agreement, involved, hurt)
    current = adopt(agreement, hurt, involved, therapy="Sessions on Tuesdays at six.")

    response = client_for(involved).get(reverse("agreements:print"))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Version 2, in place since" in html
    assert "Sessions on Tuesdays at six." in html
    assert html.count("Accepted by") == 2
    assert "agreements/agreements.css" in html
    with open(finders.find("agreements/agreements.css")) as stylesheet:
        assert "@media print" in stylesheet.read()
    assert current.acceptances.count() == 2
