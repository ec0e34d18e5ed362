"""Races on real PostgreSQL connections: whatever order the database picks, there is
exactly one current version, numbers never repeat, and no proposal is lost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from agreements.models import (
    Acceptance,
    Agreement,
    AgreementError,
    Reaffirmation,
    Version,
    couple_today,
)

from .. import races
from ..conftest import require
from .builders import adopt, member, propose

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgres_only():
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


def race(*actions):
    return races.race(*actions, refused=AgreementError)


def accepting(version, membership):
    return lambda: version.accept(membership)


def assert_consistent(agreement: Agreement) -> None:
    agreement.refresh_from_db()
    in_force = list(agreement.versions.filter(status=Version.Status.ACCEPTED).order_by("number"))
    assert [v.number for v in in_force] == list(range(1, len(in_force) + 1))
    assert agreement.current_version == in_force[-1]
    assert agreement.versions.filter(status=Version.Status.OPEN).count() <= 1


def test_partners_accepting_at_the_same_moment_make_one_current_version(hurt, involved, agreement):
    adopt(agreement, involved, hurt)
    for round_number in range(ROUNDS):
        proposal = propose(agreement, hurt, therapy=f"Round {round_number}: weekly sessions.")
        alex, sam = member(involved), member(hurt)

        outcomes = race(
            accepting(proposal, alex),
            accepting(proposal, alex),  # a double tap on a second device
            accepting(proposal, sam),
        )

        assert sum(outcome is True for outcome in outcomes) == 1
        assert sum(isinstance(outcome, AgreementError) for outcome in outcomes) == 2
        assert_consistent(agreement)
        assert agreement.current_version == proposal
        assert Acceptance.objects.filter(version=proposal, partner=involved).count() == 1
        assert Acceptance.objects.filter(version=proposal).count() == 2


def test_a_counter_proposal_racing_an_acceptance_loses_nothing(hurt, involved, agreement):
    base = adopt(agreement, involved, hurt)
    orders = set()
    for round_number in range(ROUNDS):
        proposal = propose(agreement, hurt, contact=f"Round {round_number}: told the same day.")
        counter_text = base.texts() | {"contact": f"Round {round_number}: told the same evening."}
        alex, sam = member(involved), member(hurt)

        def counter(proposal=proposal, counter_text=counter_text, sam=sam, base=base):
            return agreement.propose(
                sam, sections=counter_text, reason="Evening", based_on=base, replaces=proposal
            )

        accepted, countered = race(accepting(proposal, alex), counter)

        assert_consistent(agreement)
        proposal.refresh_from_db()
        countered.refresh_from_db()
        assert countered.contact == counter_text["contact"]  # the counter is never lost
        assert countered.proposed_by == hurt
        if accepted is True:  # the acceptance went first
            orders.add("accept first")
            assert agreement.current_version == proposal
            assert countered.status == Version.Status.SUPERSEDED
        else:  # the counter-proposal went first
            orders.add("counter first")
            assert isinstance(accepted, AgreementError)
            assert proposal.status == Version.Status.COUNTERED
            assert countered.status == Version.Status.OPEN
            assert agreement.current_version == base
            countered.withdraw(sam)
        base = agreement.current_version
    assert orders  # at least one round ran to completion


def test_review_dates_change_only_when_both_partners_accept(hurt, involved, agreement):
    base = adopt(agreement, involved, hurt)
    today = couple_today(agreement.couple, timezone.now())
    for round_number in range(ROUNDS):
        reviews = {"digital": {"on": (today + timedelta(days=round_number + 1)).isoformat(),
                               "intention": "ease"}}  # fmt: skip
        agreement.refresh_from_db()
        before = agreement.current_version.clause_reviews
        proposal = agreement.propose(
            member(hurt),
            sections=base.texts(),
            reason=f"Round {round_number}: look at this again soon.",
            based_on=agreement.current_version,
            clause_reviews=reviews,
        )
        agreement.refresh_from_db()
        assert agreement.current_version.clause_reviews == before  # the proposer alone: no change

        outcomes = race(
            accepting(proposal, member(involved)),
            accepting(proposal, member(involved)),
            accepting(proposal, member(hurt)),
        )

        assert sum(outcome is True for outcome in outcomes) == 1
        assert_consistent(agreement)
        assert agreement.current_version == proposal
        assert agreement.current_version.clause_reviews == reviews


def test_a_double_tap_on_still_feels_right_is_recorded_once(hurt, involved, agreement):
    today = couple_today(agreement.couple, timezone.now()).isoformat()
    version = agreement.propose(
        member(involved),
        sections={"contact": "No contact with them."},
        reason="First",
        based_on=None,
        clause_reviews={"contact": {"on": today, "intention": "keep"}},
    )
    version.accept(member(hurt))
    sam, alex = member(hurt), member(involved)

    outcomes = race(
        lambda: version.reaffirm(sam, "contact", timezone.now()),
        lambda: version.reaffirm(sam, "contact", timezone.now()),
        lambda: version.reaffirm(alex, "contact", timezone.now()),
    )

    assert sum(isinstance(outcome, AgreementError) for outcome in outcomes) == 1
    rows = Reaffirmation.objects.filter(version=version, section="contact")
    assert sorted(rows.values_list("partner_id", flat=True)) == sorted([hurt.pk, involved.pk])
