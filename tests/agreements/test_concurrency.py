"""Races on real PostgreSQL connections: whatever order the database picks, there is
exactly one current version, numbers never repeat, and no proposal is lost."""

import threading

import pytest
from django.db import connection, connections

from agreements.models import Acceptance, Agreement, AgreementError, Version

from ..conftest import require
from .builders import adopt, member, propose

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgres_only():
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


def race(*actions):
    """Run each action in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action()
        except AgreementError as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


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
