"""The shared plan on real PostgreSQL connections: two acceptances racing, or an
acceptance racing a newer plan, never leave a plan that both did not accept."""

import pytest
from django.db import connection

from repair.models import PlanChange, PlanOutcome, Repair, RepairError

from .. import races
from ..conftest import require
from .builders import both_finish, member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgres_only():
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


def race(*actions):
    return races.race(*actions, refused=RepairError)


def accepting(change_pk, user):
    def accept():
        PlanChange.objects.select_related("repair").get(pk=change_pk).accept(member(user))
        return True

    return accept


def test_a_double_acceptance_counts_once(hurt, involved, couple):
    repair = both_finish(member(hurt), member(involved))
    for round_number in range(ROUNDS):
        repair.refresh_from_db()
        change = PlanChange.propose(
            member(hurt), repair, [f"Round {round_number}"], seen_version=repair.plan_version
        )

        outcomes = race(accepting(change.pk, involved), accepting(change.pk, involved))

        assert sorted(outcome is True for outcome in outcomes) == [False, True]
        repair.refresh_from_db()
        assert repair.plan == [f"Round {round_number}"]
        assert repair.plan_version == round_number + 1


def test_a_change_written_on_the_old_plan_never_lands(hurt, involved, couple):
    """Alex accepts Sam's plan while, on a second device, a change written on the plan
    as it was (version 0) is sent: whichever goes first, that change is refused."""
    repair = both_finish(member(hurt), member(involved))
    for round_number in range(ROUNDS):
        repair.refresh_from_db()
        seen = repair.plan_version
        change = PlanChange.propose(member(hurt), repair, [f"Sam {round_number}"], seen)

        def proposing(seen=seen, round_number=round_number):
            fresh = Repair.objects.get(pk=repair.pk)
            PlanChange.propose(member(involved), fresh, [f"Alex {round_number}"], seen)
            return True

        accepted, proposed = race(accepting(change.pk, involved), proposing)

        assert accepted is True
        assert isinstance(proposed, RepairError)  # already waiting, or stale
        repair.refresh_from_db()
        assert repair.plan == [f"Sam {round_number}"]
        assert not PlanChange.objects.filter(steps__isnull=False, proposed_by=involved).exists()


def test_a_stale_acceptance_is_refused(hurt, involved, couple):
    """A change whose base is no longer the plan (proposed before another acceptance
    committed) can never be accepted, even by two devices at once."""
    repair = both_finish(member(hurt), member(involved))
    PlanChange.propose(member(hurt), repair, ["Walk on Sunday"], 0).accept(member(involved))
    stale = PlanChange.objects.create(
        repair=repair, proposed_by=involved, steps=["Cook together"], base_version=0
    )
    outcomes = race(accepting(stale.pk, hurt), accepting(stale.pk, hurt))
    assert all(isinstance(outcome, RepairError) for outcome in outcomes)
    repair.refresh_from_db()
    assert repair.plan == ["Walk on Sunday"]
    stale.refresh_from_db()
    assert stale.decided_at is None


def test_an_acceptance_racing_a_withdrawal_decides_once(hurt, involved, couple):
    repair = both_finish(member(hurt), member(involved))
    for round_number in range(ROUNDS):
        repair.refresh_from_db()
        change = PlanChange.propose(
            member(hurt), repair, [f"Round {round_number}"], seen_version=repair.plan_version
        )
        version_before = repair.plan_version

        def withdrawing(pk=change.pk):
            PlanChange.objects.select_related("repair").get(pk=pk).withdraw(member(hurt))
            return True

        accepted, withdrawn = race(accepting(change.pk, involved), withdrawing)

        change.refresh_from_db()
        repair = Repair.objects.get(pk=repair.pk)
        assert (accepted is True) != (withdrawn is True)
        if accepted is True:
            assert change.outcome == PlanOutcome.ACCEPTED
            assert repair.plan_version == version_before + 1
        else:
            assert change.outcome == PlanOutcome.WITHDRAWN
            assert repair.plan_version == version_before
