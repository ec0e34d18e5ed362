"""Property-based tests of the pacing gate's rules (hypothesis), for any valid policy."""

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pacing.gate import HURT, INVOLVED, TOP_TIER, Hold, Policy, Report, open_tier

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
ZONES = [UTC, ZoneInfo("Europe/London"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]

settings.register_profile("pacing", max_examples=300, deadline=None)
settings.load_profile("pacing")

moments = st.integers(min_value=0, max_value=70 * 24).map(
    lambda hours: START + timedelta(hours=hours)
)
# Many reports on whole days too, so "exactly seven days" comes up often.
days = st.integers(min_value=0, max_value=70).map(lambda d: START + timedelta(days=d))
report = st.builds(
    Report,
    when=st.one_of(days, moments),
    by=st.sampled_from([HURT, HURT, INVOLVED]),
    readiness=st.integers(min_value=0, max_value=10),
)
histories = st.lists(report, max_size=30)
policies = st.builds(
    Policy,
    thresholds=st.lists(st.integers(0, 10), min_size=4, max_size=4).map(
        lambda values: tuple(sorted(values))
    ),
    min_span_days=st.sampled_from([7, 7, 7, 1, 3, 14]),
    zone=st.sampled_from(ZONES),
)


def moments_of(reports):
    """Every moment the tier can change, and the end of the story."""
    return sorted({r.when for r in reports} | {START + timedelta(days=100)})


def tier_at(reports, policy, now):
    return open_tier(reports, policy, now).tier


@given(histories, policies)
def test_the_involved_partners_reports_never_raise_the_tier(reports, policy):
    hurt_only = [r for r in reports if r.by == HURT]
    for now in moments_of(reports):
        assert tier_at(reports, policy, now) <= tier_at(hurt_only, policy, now)


@given(st.data(), histories, policies)
def test_lowering_any_report_never_raises_the_tier_at_any_time(data, reports, policy):
    lowered = [
        replace(r, readiness=data.draw(st.integers(0, r.readiness), label="lowered"))
        for r in reports
    ]
    for now in moments_of(reports):
        assert tier_at(lowered, policy, now) <= tier_at(reports, policy, now)


@given(histories, policies)
def test_the_tier_rises_one_step_at_a_time_at_most_once_per_span(reports, policy):
    seen = [(policy.day(now), tier_at(reports, policy, now)) for now in moments_of(reports)]
    for (_, earlier), (_, later) in zip(seen, seen[1:], strict=False):
        assert later <= earlier + 1
    for index, (day1, tier1) in enumerate(seen):
        for day2, tier2 in seen[index + 1 :]:
            if (day2 - day1).days < policy.min_span_days:
                assert tier2 <= tier1 + 1


@given(histories, policies, st.sampled_from([HURT, INVOLVED]), st.data())
def test_a_report_below_the_open_tiers_threshold_lowers_it_at_once(reports, policy, by, data):
    later = max((r.when for r in reports), default=START) + timedelta(minutes=1)
    before = tier_at(reports, policy, later)
    if before == 0 or policy.thresholds[before - 1] == 0:
        return  # nothing is below the threshold of the open tier
    low = data.draw(st.integers(0, policy.thresholds[before - 1] - 1), label="low readiness")

    after = tier_at([*reports, Report(later, by, low)], policy, later)

    assert after < before
    assert after == policy.level(low)


@given(histories, policies, st.integers(0, TOP_TIER))
def test_a_ceiling_never_raises_the_tier(reports, policy, ceiling):
    capped = replace(policy, ceiling=ceiling)
    for now in moments_of(reports):
        free = tier_at(reports, policy, now)
        assert tier_at(reports, capped, now) == min(free, ceiling)


@given(histories, policies, st.randoms(use_true_random=False))
def test_the_same_inputs_give_the_same_result_in_any_order(reports, policy, rng: random.Random):
    shuffled = list(reports)
    rng.shuffle(shuffled)
    now = START + timedelta(days=100)

    first = open_tier(reports, policy, now)

    assert open_tier(reports, policy, now) == first
    assert open_tier(shuffled, policy, now) == first
    assert open_tier(tuple(reports), policy, now) == first


# False-connection holds: they can only hold the pace back or lower it.
hold = st.builds(Hold, when=st.one_of(days, moments), by=st.sampled_from([HURT, INVOLVED]))
holds = st.lists(hold, max_size=8)


@given(histories, holds, policies)
def test_adding_false_connection_holds_never_raises_the_tier_at_any_time(reports, held, policy):
    for now in moments_of([*reports, *held]):
        assert tier_at([*reports, *held], policy, now) <= tier_at(reports, policy, now)


@given(histories, holds, holds, policies)
def test_more_holds_never_raise_the_tier(reports, some, more, policy):
    for now in moments_of([*reports, *some, *more]):
        fewer = tier_at([*reports, *some], policy, now)
        assert tier_at([*reports, *some, *more], policy, now) <= fewer


@given(histories, holds, policies, st.sampled_from([HURT, INVOLVED]))
def test_a_hold_lowers_the_open_tier_at_once(reports, held, policy, by):
    story = [*reports, *held]
    later = max((r.when for r in story), default=START) + timedelta(minutes=1)
    before = tier_at(story, policy, later)
    if before == 0 or policy.thresholds[before - 1] == 0:
        return  # nothing is below the threshold of the open tier

    after = tier_at([*story, Hold(later, by)], policy, later)

    assert after < before
    assert after == policy.level(policy.thresholds[before - 1] - 1)


@given(histories, holds, policies)
def test_holds_alone_never_open_anything(reports, held, policy):
    involved_only = [r for r in reports if r.by == INVOLVED]
    for now in moments_of([*involved_only, *held]):
        assert tier_at([*involved_only, *held], policy, now) == 0


@given(histories, holds, policies, st.integers(0, TOP_TIER))
def test_a_ceiling_still_caps_with_holds(reports, held, policy, ceiling):
    story = [*reports, *held]
    capped = replace(policy, ceiling=ceiling)
    for now in moments_of(story):
        assert tier_at(story, capped, now) == min(tier_at(story, policy, now), ceiling)
