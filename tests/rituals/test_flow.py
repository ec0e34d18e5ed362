"""A ritual's life: suggested, agreed by the other, paused by either, ended by both."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone as tz

from notices.models import Kind, Notice
from pacing.models import gate_for
from rituals.models import Mark, Outcome, Ritual, RitualError, Status
from rituals.schedule import days_mask

from ..conftest import client_for
from .builders import agreed

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "exercise": "",
        "title": "A walk after dinner",
        "rhythm": "weekly",
        "days": ["2"],
        "at_time": "19:00",
        "timezone": "Pacific/Auckland",
        "starts_on": tz.now().date().isoformat(),
    }
    return data | overrides


def test_a_ritual_starts_when_the_other_partner_agrees(hurt, involved, sam, alex):
    response = client_for(hurt).post(reverse("rituals:new"), _form())
    ritual = Ritual.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert ritual.status == Status.PROPOSED and ritual.title == "A walk after dinner"
    assert ritual.days == days_mask([2]) and ritual.timezone == "Pacific/Auckland"
    assert Notice.objects.get(recipient=involved).kind == Kind.RITUAL_PROPOSED

    own = client_for(hurt).post(reverse("rituals:accept", args=[ritual.pk]))
    assert own.status_code == HTTPStatus.FORBIDDEN
    client_for(involved).post(reverse("rituals:accept", args=[ritual.pk]))
    ritual.refresh_from_db()
    assert ritual.status == Status.ACTIVE and ritual.accepted_at is not None
    assert Notice.objects.filter(recipient=hurt, kind=Kind.RITUAL_ACCEPTED).count() == 1


def test_declined_or_withdrawn_nothing_starts(sam, alex):
    first = Ritual.propose(sam, gate_for(sam.couple), **_fields())
    first.decline(alex)
    second = Ritual.propose(sam, gate_for(sam.couple), **_fields())
    with pytest.raises(PermissionDenied):
        second.withdraw(alex)
    second.withdraw(sam)
    assert {r.status for r in Ritual.objects.all()} == {Status.DECLINED, Status.WITHDRAWN}
    with pytest.raises(RitualError):
        first.accept(alex, gate_for(first.couple))


def _fields():
    return {
        "title": "Tea on the balcony",
        "rhythm": "daily",
        "days": 0,
        "at_time": None,
        "timezone": "UTC",
        "starts_on": tz.now().date(),
    }


def test_either_pauses_without_asking_and_either_picks_it_up(hurt, involved, sam, alex):
    ritual = agreed(hurt, involved, starts_on=tz.now().date() - timedelta(days=30))
    client_for(involved).post(reverse("rituals:pause", args=[ritual.pk]))
    ritual.refresh_from_db()
    assert ritual.status == Status.PAUSED
    with pytest.raises(RitualError):
        ritual.mark(sam, gate_for(sam.couple), ritual.schedule.recent(tz.now(), 1)[0], "did")
    client_for(hurt).post(reverse("rituals:resume", args=[ritual.pk]))
    ritual.refresh_from_db()
    assert ritual.status == Status.ACTIVE


def test_ending_asks_the_other_to_agree(hurt, involved, sam, alex):
    ritual = agreed(hurt, involved)
    client_for(hurt).post(reverse("rituals:ask_to_end", args=[ritual.pk]))
    ritual.refresh_from_db()
    assert ritual.status == Status.ACTIVE and ritual.end_asked_by == hurt
    assert Notice.objects.filter(recipient=involved, kind=Kind.RITUAL_END_ASKED).exists()
    refused = client_for(hurt).post(reverse("rituals:agree_to_end", args=[ritual.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
    client_for(involved).post(reverse("rituals:agree_to_end", args=[ritual.pk]))
    ritual.refresh_from_db()
    assert ritual.status == Status.ENDED
    assert Notice.objects.filter(recipient=hurt, kind=Kind.RITUAL_ENDED).exists()


def test_the_partner_may_keep_it_going(hurt, involved, sam, alex):
    ritual = agreed(hurt, involved)
    ritual.ask_to_end(sam)
    ritual.keep_going(alex)
    ritual.refresh_from_db()
    assert ritual.status == Status.ACTIVE and ritual.end_asked_at is None
    # The one who asked is told: nothing is left waiting unseen.
    assert Notice.objects.filter(recipient=hurt, kind=Kind.RITUAL_KEPT).exists()


def test_a_mind_changed_that_crossed_an_agreement_to_end_wins(hurt, involved, sam, alex):
    ritual = agreed(hurt, involved)
    ritual.ask_to_end(sam)
    seen_by_alex = Ritual.objects.get(pk=ritual.pk)  # Alex's page, before Sam's change
    ritual.keep_going(sam)
    with pytest.raises(RitualError):
        seen_by_alex.agree_to_end(alex)
    ritual.refresh_from_db()
    assert ritual.status == Status.ACTIVE
    # Sam's question is settled: Alex's notice of it no longer waits, and Sam is not
    # told of her own change of mind.
    asked = Notice.objects.get(recipient=involved, kind=Kind.RITUAL_END_ASKED)
    assert asked.read_at is not None
    assert not Notice.objects.filter(recipient=hurt, kind=Kind.RITUAL_KEPT).exists()


def test_a_declined_suggestion_is_told_and_a_withdrawn_one_settles(hurt, involved, sam, alex):
    declined = Ritual.propose(sam, gate_for(sam.couple), **_fields())
    declined.decline(alex)
    assert Notice.objects.filter(recipient=hurt, kind=Kind.RITUAL_DECLINED).exists()
    withdrawn = Ritual.propose(sam, gate_for(sam.couple), **_fields())
    withdrawn.withdraw(sam)
    waiting = Notice.objects.get(recipient=involved, path=withdrawn.path)
    assert waiting.read_at is not None


def test_both_mark_we_did_it_and_a_private_feeling(hurt, involved, sam, alex):
    ritual = agreed(hurt, involved, starts_on=tz.now().date() - timedelta(days=30))
    day = ritual.schedule.recent(tz.now(), 1)[0]
    url = reverse("rituals:mark", args=[ritual.pk])
    data = {"occurrence": day.isoformat(), "outcome": "did", "felt": "8", "line": "So calm."}
    assert client_for(hurt).post(url, data).status_code == HTTPStatus.FOUND
    client_for(involved).post(url, {"occurrence": day.isoformat(), "outcome": "did"})
    assert Mark.objects.filter(ritual=ritual, outcome=Outcome.DID).count() == 2
    page = client_for(hurt).get(ritual.path).content.decode()
    assert "So calm." in page and "your partner: we did it" in page


def test_a_year_of_a_daily_ritual_keeps_only_what_was_marked(hurt, involved, sam, alex):
    start = tz.now().date() - timedelta(days=365)
    ritual = agreed(hurt, involved, rhythm="daily", days=0b1111111, starts_on=start)
    ritual_rows = Ritual.objects.count()
    assert len(ritual.schedule.between(start, tz.now().date())) >= 365
    client_for(hurt).get(ritual.path)
    client_for(hurt).get(reverse("rituals:index"))
    assert (Ritual.objects.count(), Mark.objects.count()) == (ritual_rows, 0)
    for day in ritual.schedule.recent(tz.now(), 3):
        ritual.mark(sam, gate_for(sam.couple), day, "did")
    assert Mark.objects.count() == 3
