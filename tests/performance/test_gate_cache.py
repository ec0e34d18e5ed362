"""The pacing gate's result is cached (pages stop replaying every readiness report on
every view), and the cache never holds the gate back: a new report, a changed policy
or another moment gives a fresh answer at once."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from pacing.models import PacingPolicy, gate_for, gates_for
from tests.pacing.builders import open_tier_two, report

pytestmark = pytest.mark.django_db


def rules_of(couple):
    policy = PacingPolicy.for_couple(couple)
    return policy.as_gate_policy()


def test_a_low_report_lowers_the_tier_at_once_even_when_the_result_was_cached(
    hurt, couple, django_assert_num_queries
):
    open_tier_two(hurt)
    assert gate_for(couple).tier == 2
    with django_assert_num_queries(0):  # kept under the couple's version stamp
        assert gate_for(couple).tier == 2

    report(hurt, closeness=1, body=6)

    assert gate_for(couple).tier == 0


def test_a_therapist_ceiling_applies_at_once(hurt, couple):
    open_tier_two(hurt)
    assert gate_for(couple).tier == 2

    PacingPolicy.objects.create(couple=couple, therapist_ceiling=1)

    assert gate_for(couple).tier == 1


def test_a_report_dated_later_counts_once_its_time_comes(hurt, couple):
    open_tier_two(hurt)
    now = timezone.now()
    report(hurt, closeness=1, body=6, at=now + timedelta(hours=1))
    assert gate_for(couple, now).tier == 2

    assert gate_for(couple, now + timedelta(hours=2)).tier == 0


def test_an_earlier_moment_is_not_answered_from_the_present(hurt, couple):
    open_tier_two(hurt)
    now = timezone.now()
    assert gate_for(couple, now).tier == 2

    assert gate_for(couple, now - timedelta(days=8)).tier == 0


def test_many_couples_at_once_agree_with_one_by_one(
    hurt, couple, outsider, django_assert_num_queries
):
    open_tier_two(hurt)
    other = outsider.memberships.get().couple
    report(outsider, closeness=4, body=4)
    now = timezone.now()
    earlier = now - timedelta(days=8)
    asks = {
        c.pk: [(rules_of(c), now), (replace(rules_of(c), ceiling=None), earlier)]
        for c in (couple, other)
    }

    with django_assert_num_queries(2):  # the keys, then the reports nobody cached yet
        first = gates_for(asks)
    with django_assert_num_queries(1):  # everything cached: the keys only
        again = gates_for(asks)

    assert first == again
    for c in (couple, other):
        assert first[c.pk] == [gate_for(c, now), gate_for(c, earlier)]
