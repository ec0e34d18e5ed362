"""Every version is kept with who accepted it and when; the history lists them a page
at a time, each with a way to its full text and its changes; any two can be compared;
the current agreement prints cleanly."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from agreements.history import REVIEWS_PER_PAGE, VERSIONS_PER_PAGE
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


@pytest.mark.parametrize(("count", "page"), [(2, "1"), (200, "1"), (200, "2")])
def test_the_history_page_runs_a_bounded_number_of_queries(
    hurt, involved, agreement, django_assert_max_num_queries, count, page
):
    add_history(agreement, hurt, involved, count)
    client = client_for(hurt)

    with django_assert_max_num_queries(11):
        response = client.get(reverse("agreements:history"), {"page": page, "reviews": page})

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    reviews = Review.objects.count()
    assert html.count("data-version>") == min(count, VERSIONS_PER_PAGE)
    assert html.count("data-review>") == min(reviews, REVIEWS_PER_PAGE)
    assert html.count("We kept our walks.") == 2 * html.count("data-review>")


def test_history_shows_reason_proposer_and_acceptances_and_links_to_each_text(
    hurt, involved, agreement
):
    first = adopt(agreement, involved, hurt)
    second = adopt(agreement, hurt, involved, contact="Work contact only, told the same day.")
    declined = propose(agreement, involved, digital="Passwords private again.", reason="Trust")
    declined.decline(member(hurt), "Not yet, maybe after the summer.")
    client = client_for(involved)

    page = client.get(reverse("agreements:history")).content.decode()

    assert "Version 1" in page and "Version 2" in page
    assert "Not yet, maybe after the summer." in page
    assert '<strong>Why:</strong> <span dir="auto">Trust' in page
    assert "Proposed by Sam" in page and "Proposed by Alex" in page
    assert page.count("current version") == 1
    for version in (first, second):
        for acceptance in version.acceptances.all():
            when = timezone.localtime(acceptance.accepted_at).strftime("%-d %B %Y, %H:%M")
            assert f"Accepted by {acceptance.partner.display_name} on {when}" in page
    # The texts themselves are one step away: on each version's page, and as changes.
    assert "Passwords private again." not in page
    for version, text in ((second, "Work contact only"), (declined, "Passwords private again.")):
        assert f'href="{reverse("agreements:version", args=[version.pk])}"' in page
        assert text in client.get(reverse("agreements:version", args=[version.pk])).content.decode()
    compare = f"{reverse('agreements:compare')}?older={first.pk}&amp;newer={second.pk}"
    assert f'<a href="{compare}">See what changed</a>' in page
    changes = client.get(reverse("agreements:compare"), {"older": first.pk, "newer": second.pk})
    assert "told the same day" in changes.content.decode()


def test_older_versions_and_reviews_are_on_later_pages(hurt, involved, agreement):
    add_history(agreement, hurt, involved, 25)  # and 25 reviews
    client = client_for(hurt)

    first = client.get(reverse("agreements:history")).content.decode()
    second = client.get(reverse("agreements:history"), {"page": "2"}).content.decode()
    last = client.get(reverse("agreements:history"), {"page": "3", "reviews": "5"})

    assert first.count("data-version>") == second.count("data-version>") == 10
    assert ">Version 25</a>" in first and ">Version 16</a>" in first
    assert ">Version 15</a>" in second and ">Version 6</a>" in second
    assert ">Version 15</a>" not in first and ">Version 16</a>" not in second
    assert "Page 1 of 3" in first and "Page 2 of 3" in second
    assert 'href="?page=2#versions-heading">Older versions</a>' in first
    assert 'href="?#versions-heading">Newer versions</a>' in second
    assert 'href="?page=3#versions-heading">Older versions</a>' in second
    html = last.content.decode()
    assert html.count("data-version>") == 5 and ">Version 1</a>" in html
    assert html.count("data-review>") == 1  # 6 a page
    assert 'href="?page=3&amp;reviews=4#reviews-heading">Newer reviews</a>' in html
    assert "Older versions" not in html


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("0", 3), ("-1", 3), ("4", 3), ("99999999999999999999999", 3), ("abc", 1), ("2.5", 1)],
)
def test_a_page_that_does_not_exist_is_never_an_error(hurt, involved, agreement, asked, shown):
    add_history(agreement, hurt, involved, 25)

    response = client_for(hurt).get(
        reverse("agreements:history"), {"page": asked, "reviews": asked}
    )

    assert response.status_code == HTTPStatus.OK
    assert f"Page {shown} of 3" in response.content.decode()


def test_a_version_accepted_by_a_former_partner_keeps_their_name(
    hurt, involved, outsider, agreement
):
    first = adopt(agreement, involved, hurt)
    Acceptance.objects.filter(version=first, partner=hurt).update(partner=outsider)

    page = client_for(involved).get(reverse("agreements:history")).content.decode()

    assert "Accepted by Robin on" in page


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
