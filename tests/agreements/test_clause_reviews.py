"""Clauses that ease: a section can carry a date to look at it again and what the
couple hopes for it then, agreed with a version like its text. The monthly review
lists the parts whose date has come (in the couple's time zone); each partner can say
a part still feels right, once, or propose a change through the usual revision flow."""

import re
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Couple
from agreements.content import starter_sections
from agreements.models import (
    AgreementError,
    ClauseReview,
    Reaffirmation,
    Version,
    couple_today,
)

from ..conftest import client_for
from .builders import adopt, form_data, member, propose

NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
REVIEW = reverse("agreements:review")
REAFFIRM = reverse("agreements:reaffirm")
PROPOSE = reverse("agreements:propose")


@pytest.mark.parametrize(
    ("zone", "now", "review_on", "due"),
    [
        # The day itself, from its first minute in the couple's zone.
        ("UTC", datetime(2027, 3, 1, 0, 0, tzinfo=UTC), date(2027, 3, 1), True),
        ("UTC", datetime(2027, 2, 28, 23, 59, tzinfo=UTC), date(2027, 3, 1), False),
        # Auckland (UTC+13 in March) reaches the date eleven hours before UTC does.
        ("Pacific/Auckland", datetime(2027, 2, 28, 11, 0, tzinfo=UTC), date(2027, 3, 1), True),
        ("Pacific/Auckland", datetime(2027, 2, 28, 10, 59, tzinfo=UTC), date(2027, 3, 1), False),
        # Los Angeles (UTC-8) reaches it eight hours after.
        ("America/Los_Angeles", datetime(2027, 3, 1, 7, 59, tzinfo=UTC), date(2027, 3, 1), False),
        ("America/Los_Angeles", datetime(2027, 3, 1, 8, 0, tzinfo=UTC), date(2027, 3, 1), True),
        # A date that has passed stays due; one still ahead is not.
        ("Europe/Paris", datetime(2027, 3, 10, 12, 0, tzinfo=UTC), date(2027, 2, 1), True),
        ("Europe/Paris", datetime(2027, 3, 10, 12, 0, tzinfo=UTC), date(2027, 3, 11), False),
    ],
)
def test_a_part_is_due_from_its_date_in_the_couples_time_zone(zone, now, review_on, due):
    version = Version(
        clause_reviews={"contact": {"on": review_on.isoformat(), "intention": "keep"}}
    )
    today = couple_today(Couple(timezone=zone), now)

    listed = [clause.key for clause in version.clauses_due(today)]

    assert listed == (["contact"] if due else [])


def test_parts_are_listed_in_the_agreements_order_with_their_hope():
    version = Version(
        clause_reviews={
            "therapy": {"on": "2027-03-01", "intention": "tighten"},
            "digital": {"on": "2027-03-02", "intention": "ease"},
            "contact": {"on": "2027-04-01", "intention": "keep"},
        }
    )

    due = version.clauses_due(date(2027, 3, 2))

    assert [(c.key, c.intention) for c in due] == [("digital", "ease"), ("therapy", "tighten")]
    assert isinstance(due[0], ClauseReview) and due[0].review_on == date(2027, 3, 2)


def dated(texts: dict, **reviews) -> dict:
    """Form data for a proposal with `section=(date, intention)` review choices."""
    data = dict(texts)
    for key, (on, intention) in reviews.items():
        data[f"review_on_{key}"] = on
        data[f"intention_{key}"] = intention
    return data


@pytest.fixture
def current(hurt, involved, agreement):
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        return adopt(agreement, involved, hurt)


@pytest.mark.parametrize(
    ("review_on", "intention", "field"),
    [
        ("2027-03-09", "ease", "review_on_digital"),  # yesterday: a date in the past
        ("2027-03-10", "", "intention_digital"),  # a date with no hope chosen
        ("", "ease", "review_on_digital"),  # a hope with no date
        ("next spring", "keep", "review_on_digital"),
        ("3027-03-10", "keep", "review_on_digital"),  # a typing slip, far ahead
    ],
)
def test_the_proposal_form_refuses_a_review_date_it_cannot_keep(
    hurt, agreement, current, review_on, intention, field
):
    texts = current.texts() | {"therapy": "Sessions twice a month."}
    data = form_data(dated(texts, digital=(review_on, intention)), based_on=current)

    with time_machine.travel(NOW, tick=False):
        response = client_for(hurt).post(PROPOSE, data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.context["form"].errors[field]
    assert agreement.versions.count() == 1


def test_today_counts_as_a_date_to_come_in_the_couples_zone(hurt, couple, agreement, current):
    couple.timezone = "Pacific/Auckland"  # already 11 March there at NOW
    couple.save(update_fields=["timezone"])
    data = form_data(dated(current.texts(), contact=("2027-03-11", "keep")), based_on=current)

    with time_machine.travel(NOW, tick=False):
        response = client_for(hurt).post(PROPOSE, data)

    assert response.status_code == HTTPStatus.FOUND
    proposal = agreement.versions.get(status=Version.Status.OPEN)
    assert proposal.clause_reviews == {"contact": {"on": "2027-03-11", "intention": "keep"}}


def test_review_dates_take_effect_only_when_both_accept(hurt, involved, agreement, current):
    data = form_data(dated(current.texts(), whereabouts=("2027-03-12", "ease")), based_on=current)
    with time_machine.travel(NOW, tick=False):
        assert client_for(involved).post(PROPOSE, data).status_code == HTTPStatus.FOUND
    proposal = agreement.versions.get(status=Version.Status.OPEN)

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        page = client_for(hurt).get(REVIEW)
        assert page.context["clauses"]["due"] == []  # still only a proposal
        version_page = client_for(hurt).get(proposal.path).content.decode()
        assert "To look at again from 12 March 2027" in version_page
        proposal.accept(member(hurt))
        page = client_for(hurt).get(REVIEW)

    agreement.refresh_from_db()
    assert agreement.current_version == proposal
    assert [clause.key for clause in page.context["clauses"]["due"]] == ["whereabouts"]


def test_changing_only_a_review_date_is_a_change(hurt, involved, agreement, current):
    with time_machine.travel(NOW, tick=False):
        version = agreement.propose(
            member(involved),
            sections=current.texts(),
            reason="Let's look at this again in spring.",
            based_on=current,
            clause_reviews={"digital": {"on": "2027-04-01", "intention": "keep"}},
        )
        with pytest.raises(AgreementError):
            agreement.propose(
                member(hurt), sections=current.texts(), reason="Same", based_on=current
            )

    assert version.is_open


def test_a_due_date_is_not_prefilled_into_a_new_proposal(hurt, involved, agreement):
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        version = agreement.propose(
            member(involved),
            sections=starter_sections(),
            reason="First",
            based_on=None,
            clause_reviews={
                "digital": {"on": "2027-03-01", "intention": "ease"},
                "contact": {"on": "2027-05-01", "intention": "keep"},
            },
        )
        version.accept(member(hurt))

    with time_machine.travel(NOW, tick=False):
        form = client_for(hurt).get(PROPOSE).context["form"]

    assert form.initial.get("review_on_digital") is None
    assert form.initial["review_on_contact"] == date(2027, 5, 1)
    assert form.initial["intention_contact"] == "keep"


@pytest.fixture
def due(hurt, involved, agreement):
    """A version in force whose "whereabouts" part is due, hoping to ease it."""
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        version = agreement.propose(
            member(involved),
            sections=starter_sections(),
            reason="First",
            based_on=None,
            clause_reviews={
                "whereabouts": {"on": "2027-03-10", "intention": "ease"},
                "digital": {"on": "2027-06-01", "intention": "keep"},
            },
        )
        version.accept(member(hurt))
    version.refresh_from_db()
    return version


def test_the_review_page_lists_the_parts_due(hurt, due):
    with time_machine.travel(NOW, tick=False):
        response = client_for(hurt).get(REVIEW)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert [c.key for c in response.context["clauses"]["due"]] == ["whereabouts"]
    assert 'data-clause="whereabouts"' in html and 'data-clause="digital"' not in html
    assert f'href="{PROPOSE}#id_whereabouts"' in html


def test_each_partner_says_a_part_still_feels_right_once(hurt, involved, due):
    with time_machine.travel(NOW, tick=False):
        sam, alex = client_for(hurt), client_for(involved)
        first = sam.post(REAFFIRM, {"section": "whereabouts"})
        again = sam.post(REAFFIRM, {"section": "whereabouts"})
        alex_sees = alex.get(REVIEW).content.decode()
        by_alex = alex.post(REAFFIRM, {"section": "whereabouts"})
        sam_sees = sam.get(REVIEW).content.decode()

    assert first.status_code == HTTPStatus.FOUND
    assert again.status_code == HTTPStatus.CONFLICT
    assert "already said this still feels right" in again.content.decode()
    assert "Your partner said it still feels right." in alex_sees
    assert by_alex.status_code == HTTPStatus.FOUND
    assert "You said it still feels right." in sam_sees
    rows = Reaffirmation.objects.filter(version=due, section="whereabouts")
    assert sorted(rows.values_list("partner_id", flat=True)) == sorted([hurt.pk, involved.pk])
    assert due.status == Version.Status.ACCEPTED  # nothing about the agreement changed


@pytest.mark.parametrize(
    ("section", "status"),
    [
        ("digital", HTTPStatus.CONFLICT),  # its date is still ahead
        ("therapy", HTTPStatus.CONFLICT),  # no date at all
        ("passwords", HTTPStatus.UNPROCESSABLE_ENTITY),
        ("", HTTPStatus.UNPROCESSABLE_ENTITY),
    ],
)
def test_only_a_part_that_is_due_can_be_reaffirmed(hurt, due, section, status):
    with time_machine.travel(NOW, tick=False):
        response = client_for(hurt).post(REAFFIRM, {"section": section})

    assert response.status_code == status
    assert not Reaffirmation.objects.exists()


def test_a_reaffirmation_belongs_to_the_version_it_was_said_of(hurt, involved, agreement, due):
    with time_machine.travel(NOW, tick=False):
        due.reaffirm(member(hurt), "whereabouts", NOW)
        newer = propose(agreement, involved, whereabouts="Plans on Sunday, over tea.")
        newer.accept(member(hurt))
        with pytest.raises(AgreementError):
            due.reaffirm(member(involved), "whereabouts", NOW)

    assert Reaffirmation.objects.filter(version=newer).count() == 0


def test_another_couple_sees_none_of_it(hurt, outsider, due):
    with time_machine.travel(NOW, tick=False):
        due.reaffirm(member(hurt), "whereabouts", NOW)
        response = client_for(outsider).post(REAFFIRM, {"section": "whereabouts"})

    assert Reaffirmation.objects.visible_to(outsider).count() == 0
    assert Reaffirmation.objects.visible_to(hurt).count() == 1
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY  # they have no agreement
    assert Reaffirmation.objects.count() == 1


def clauses_section(html: str) -> str:
    section = re.search(r"<section[^>]*data-clauses-due>.*?</section>", html, re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", section)


def test_the_hurt_partner_is_never_asked_to_ease(hurt, involved, due):
    with time_machine.travel(NOW, tick=False):
        sam = client_for(hurt).get(REVIEW).content.decode()
        alex = client_for(involved).get(REVIEW).content.decode()

    # Both partners see the same words and the same two answers, whoever they are.
    assert clauses_section(sam) == clauses_section(alex)
    # "Ease" appears only as the hope the couple wrote down together, never as a prompt.
    hope = "Ease it, if we both feel ready"
    words = re.findall(r"\bease\b", clauses_section(sam), re.I)
    assert len(words) == clauses_section(sam).count(hope) == 1
    assert "still feels right" in clauses_section(sam)


def test_the_proposal_shows_a_changed_review_date_beside_the_text(hurt, involved, current):
    with time_machine.travel(NOW, tick=False):
        proposal = current.agreement.propose(
            member(involved),
            sections=current.texts(),
            reason="Let's look at this again in spring.",
            based_on=current,
            clause_reviews={"contact": {"on": "2027-04-01", "intention": "tighten"}},
        )
        html = client_for(hurt).get(proposal.path).content.decode()

    diff = {section.key: section for section in proposal.diff_from(current)}
    assert diff["contact"].clause_changed and not diff["contact"].changed
    assert not diff["digital"].clause_changed
    assert "New: to look at again from 1 April 2027. What we hope then: Tighten it." in html
