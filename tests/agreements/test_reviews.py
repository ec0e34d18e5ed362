"""The agreement is revisited monthly: due 30 days after the last acceptance or
completed review; both partners answer; the outcome and successes are kept."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementError, Review, open_due_reviews

from ..conftest import client_for
from ..factories import make_couple, make_user
from .builders import adopt, member

START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)


@pytest.fixture
def settled(hurt, involved, agreement):
    with time_machine.travel(START, tick=False):
        return adopt(agreement, involved, hurt)


def answer(review, user, choice, **extra):
    review.answer(member(user), choice=choice, **extra)
    review.refresh_from_db()


def test_a_review_opens_30_days_after_the_last_acceptance_once(agreement, settled):
    accepted = settled.took_effect_at

    assert open_due_reviews(accepted + timedelta(days=29, hours=23)) == []
    opened = open_due_reviews(accepted + timedelta(days=30))
    again = open_due_reviews(accepted + timedelta(days=31))

    assert [review.agreement for review in opened] == [agreement]
    assert opened[0].due_at == accepted + timedelta(days=30)
    assert again == []
    assert agreement.reviews.count() == 1


def test_each_couple_gets_its_own_review_and_ended_or_empty_couples_none(agreement, settled):
    other = make_couple(make_user("a@example.test", "A"), make_user("b@example.test", "B"))
    from agreements.models import Agreement

    other_agreement = Agreement.objects.for_couple(other)
    with time_machine.travel(START, tick=False):
        adopt(other_agreement, other.memberships.first().user, other.memberships.last().user)
    empty = make_couple(make_user("c@example.test", "C"), make_user("d@example.test", "D"))
    Agreement.objects.for_couple(empty)
    other.end()

    opened = open_due_reviews(START + timedelta(days=40))

    assert [review.agreement for review in opened] == [agreement]


def test_both_reaffirm_completes_the_review_and_restarts_the_clock(
    hurt, involved, agreement, settled
):
    now = START + timedelta(days=30)
    review = open_due_reviews(now)[0]

    with time_machine.travel(now + timedelta(days=1), tick=False):
        answer(review, hurt, "reaffirm", successes="We kept every Sunday plan talk.")
        assert review.completed_at is None
        answer(review, involved, "reaffirm")

    assert review.outcome == Review.Outcome.REAFFIRMED
    assert review.completed_at == now + timedelta(days=1)
    assert open_due_reviews(now + timedelta(days=30)) == []
    assert len(open_due_reviews(now + timedelta(days=31))) == 1


def test_needs_change_from_either_partner_starts_a_revision(hurt, involved, agreement, settled):
    review = open_due_reviews(START + timedelta(days=30))[0]

    answer(review, involved, "reaffirm")
    answer(review, hurt, "needs_change", note="I'd like us to look at location sharing.")

    assert review.outcome == Review.Outcome.REVISION_STARTED
    page = client_for(hurt).get(reverse("agreements:review")).content.decode()
    assert "Revision started" in page
    assert reverse("agreements:propose") in page


def test_a_new_acceptance_moves_the_next_review(hurt, involved, agreement, settled):
    with time_machine.travel(START + timedelta(days=20), tick=False):
        latest = adopt(agreement, hurt, involved, therapy="Sessions every Tuesday.")

    assert open_due_reviews(START + timedelta(days=31)) == []
    agreement.refresh_from_db()
    assert agreement.next_review_due() == latest.took_effect_at + timedelta(days=30)


def test_a_partner_answers_once(hurt, agreement, settled):
    review = open_due_reviews(START + timedelta(days=30))[0]
    answer(review, hurt, "reaffirm")

    with pytest.raises(AgreementError, match="already answered"):
        answer(review, hurt, "needs_change")

    with time_machine.travel(START + timedelta(days=30, hours=1), tick=False):
        response = client_for(hurt).post(reverse("agreements:review"), {"choice": "needs_change"})
    assert response.status_code == HTTPStatus.CONFLICT
    assert "You have already answered this review" in response.content.decode()
    assert review.responses.count() == 1


def test_partners_answer_on_the_review_page_and_successes_show_in_history(
    hurt, involved, agreement, settled
):
    with time_machine.travel(START + timedelta(days=31), tick=False):
        sam, alex = client_for(hurt), client_for(involved)
        overview = sam.get(reverse("agreements:overview")).content.decode()
        assert "Your monthly review is open" in overview

        first = sam.post(
            reverse("agreements:review"),
            {"choice": "reaffirm", "successes": "We walked by the river four times."},
        )
        waiting = sam.get(reverse("agreements:review")).content.decode()
        alex.post(reverse("agreements:review"), {"choice": "reaffirm", "note": "Still right."})
        history = alex.get(reverse("agreements:history")).content.decode()

    assert first.status_code == HTTPStatus.FOUND
    assert "completes when your partner has answered too" in waiting
    review = agreement.reviews.get()
    assert review.outcome == Review.Outcome.REAFFIRMED
    assert "What went well this month:</strong> We walked by the river four times." in history
    assert "Reaffirmed" in history


def test_posting_when_no_review_is_open_is_a_clear_answer(hurt, settled):
    with time_machine.travel(START + timedelta(days=29), tick=False):
        response = client_for(hurt).post(reverse("agreements:review"), {"choice": "reaffirm"})

    assert response.status_code == HTTPStatus.CONFLICT
    assert "There is no review open right now" in response.content.decode()
    assert not Review.objects.exists()
