"""The worked examples of "Pacing and reconnection exercises" in DESIGN.md, and edge cases."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pacing.gate import HURT, INVOLVED, Hold, Policy, Reason, Report, open_tier

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def reports(*entries):
    """Entries as (day, who, readiness), like the DESIGN.md table."""
    return [Report(DAY0 + timedelta(days=day), who, value) for day, who, value in entries]


DEFAULT = Policy()


def tier(entries, policy=DEFAULT):
    return open_tier(reports(*entries), policy, DAY0 + timedelta(days=365)).tier


# The table in DESIGN.md, row by row.
DESIGN_TABLE = [
    ("nothing reported", [], Policy(), 0),
    ("one good report", [(0, HURT, 6)], Policy(), 0),
    ("sustained", [(0, HURT, 6), (7, HURT, 6)], Policy(), 1),
    ("sustained longer", [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6)], Policy(), 2),
    (
        "setback",
        [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6), (15, HURT, 2)],
        Policy(),
        0,
    ),
    (
        "involved lower",
        [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6), (14, INVOLVED, 4)],
        Policy(),
        1,
    ),
    ("involved higher", [(0, HURT, 6), (7, HURT, 6), (7, INVOLVED, 10)], Policy(), 1),
    (
        "therapist ceiling 1",
        [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6)],
        Policy(ceiling=1),
        1,
    ),
]


@pytest.mark.parametrize(
    ("entries", "policy", "expected"),
    [row[1:] for row in DESIGN_TABLE],
    ids=[row[0] for row in DESIGN_TABLE],
)
def test_design_worked_examples(entries, policy, expected):
    assert tier(entries, policy) == expected


EDGE_CASES = [
    ("at the threshold counts", [(0, HURT, 3), (7, HURT, 3)], 1),
    ("one below the threshold does not", [(0, HURT, 2), (7, HURT, 3)], 0),
    ("exactly 7 days apart", [(0, HURT, 5), (7, HURT, 5)], 1),
    ("6 days apart is not enough", [(0, HURT, 5), (6, HURT, 5)], 0),
    ("a dip in between restarts the count", [(0, HURT, 6), (3, HURT, 2), (7, HURT, 6)], 0),
    ("one tier at a time after a long wait", [(0, HURT, 10), (60, HURT, 10)], 1),
    ("then the next a week later", [(0, HURT, 10), (60, HURT, 10), (67, HURT, 10)], 2),
    (
        "7 days since the last rise",
        [(0, HURT, 9), (7, HURT, 9), (10, HURT, 9), (13, HURT, 9), (14, HURT, 9)],
        2,
    ),
    ("all the way up", [(d, HURT, 9) for d in (0, 7, 14, 21, 28)], 4),
    ("the top threshold is 8", [(d, HURT, 7) for d in (0, 7, 14, 21, 28)], 3),
    ("involved reports alone never open anything", [(0, INVOLVED, 10), (7, INVOLVED, 10)], 0),
    (
        "involved partner's latest report holds the next tier back",
        [(0, INVOLVED, 4), (1, HURT, 6), (8, HURT, 6), (15, HURT, 6)],
        1,
    ),
    (
        "involved partner's low report lowers at once",
        [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6), (15, INVOLVED, 1)],
        0,
    ),
    (
        "an involved dip restarts the count too",
        [(0, HURT, 6), (7, HURT, 6), (8, INVOLVED, 4), (9, INVOLVED, 9), (14, HURT, 6)],
        1,
    ),
    (
        "after a setback, climbing again takes a week",
        [(0, HURT, 6), (7, HURT, 6), (8, HURT, 1), (9, HURT, 6), (15, HURT, 6), (16, HURT, 6)],
        1,
    ),
]


@pytest.mark.parametrize(
    ("entries", "expected"), [row[1:] for row in EDGE_CASES], ids=[row[0] for row in EDGE_CASES]
)
def test_edge_cases(entries, expected):
    assert tier(entries) == expected


def test_a_report_is_as_ready_as_its_lowest_answer():
    first = Report.from_answers(DAY0, HURT, 9, 4)
    second = Report.from_answers(DAY0 + timedelta(days=7), HURT, 4, 9)

    assert first.readiness == 4
    assert open_tier([first, second], Policy(), DAY0 + timedelta(days=8)).tier == 1


def test_reports_after_now_are_not_counted_yet():
    entries = reports((0, HURT, 6), (7, HURT, 6))

    assert open_tier(entries, Policy(), DAY0 + timedelta(days=6)).tier == 0
    assert open_tier(entries, Policy(), DAY0 + timedelta(days=7)).tier == 1


def test_the_order_reports_are_given_in_does_not_matter():
    entries = reports((0, HURT, 6), (7, HURT, 6), (14, HURT, 6), (14, INVOLVED, 4))

    now = DAY0 + timedelta(days=30)

    assert open_tier(list(reversed(entries)), DEFAULT, now) == open_tier(entries, DEFAULT, now)
    assert open_tier(entries, DEFAULT, now).tier == 1


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 2026-03-01 23:30 UTC to 2026-03-08 00:30 UTC is seven calendar days in UTC...
        ("UTC", 1),
        # ...but Sunday 18:30 to Saturday 19:30 in New York: six days, not yet.
        ("America/New_York", 0),
        # ...and Monday 12:30 to Sunday 13:30 in Auckland: six days too.
        ("Pacific/Auckland", 0),
        # London is on GMT in early March: Sunday 23:30 to Sunday 00:30, a week.
        ("Europe/London", 1),
    ],
)
def test_days_are_counted_in_the_couples_time_zone(zone, expected):
    entries = [
        Report(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), HURT, 6),
        Report(datetime(2026, 3, 8, 0, 30, tzinfo=UTC), HURT, 6),
    ]

    result = open_tier(entries, Policy(zone=ZoneInfo(zone)), datetime(2026, 4, 1, tzinfo=UTC))

    assert result.tier == expected


def test_a_week_across_a_clock_change_is_still_a_week():
    london = ZoneInfo("Europe/London")
    # Clocks go forward on 29 March 2026: only 6 days 23 hours pass, but it is a week.
    entries = [
        Report(datetime(2026, 3, 25, 9, 0, tzinfo=london), HURT, 6),
        Report(datetime(2026, 4, 1, 9, 0, tzinfo=london), HURT, 6),
    ]

    result = open_tier(entries, Policy(zone=london), datetime(2026, 4, 2, tzinfo=UTC))

    assert result.tier == 1


def test_reports_at_the_same_instant_in_different_zones_act_together():
    london, tokyo = ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")
    entries = [
        Report(datetime(2026, 5, 1, 12, 0, tzinfo=london), HURT, 6),
        Report(datetime(2026, 5, 8, 12, 0, tzinfo=london), HURT, 6),
        Report(datetime(2026, 5, 8, 20, 0, tzinfo=tokyo), INVOLVED, 1),  # same instant
    ]

    assert open_tier(entries, Policy(), datetime(2026, 6, 1, tzinfo=UTC)).tier == 0


@pytest.mark.parametrize(
    ("entries", "policy", "reason"),
    [
        ([], Policy(), Reason.NO_REPORTS),
        ([(0, HURT, 6)], Policy(), Reason.STEADY),
        ([(0, HURT, 6), (7, HURT, 6), (8, HURT, 1)], Policy(), Reason.SLOWED),
        ([(0, HURT, 6), (7, HURT, 6)], Policy(ceiling=0), Reason.CEILING),
        ([(d, HURT, 9) for d in (0, 7, 14, 21, 28)], Policy(), Reason.ALL_OPEN),
    ],
)
def test_the_result_says_why(entries, policy, reason):
    result = open_tier(reports(*entries), policy, DAY0 + timedelta(days=365))

    assert result.reason == reason


@pytest.mark.parametrize(
    "make",
    [
        lambda: Report(datetime(2026, 1, 1), HURT, 5),  # noqa: DTZ001 - naive on purpose
        lambda: Report(DAY0, "partner", 5),
        lambda: Report(DAY0, HURT, 11),
        lambda: Report(DAY0, HURT, -1),
        lambda: Policy(thresholds=(3, 5, 7)),
        lambda: Policy(thresholds=(5, 3, 7, 8)),
        lambda: Policy(thresholds=(3, 5, 7, 11)),
        lambda: Policy(ceiling=5),
        lambda: Policy(min_span_days=0),
    ],
)
def test_invalid_inputs_are_refused(make):
    with pytest.raises(ValueError):
        make()


def test_now_must_be_timezone_aware():
    with pytest.raises(ValueError):
        open_tier([], Policy(), datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_a_lower_involved_report_never_lets_the_tier_climb_sooner():
    """A history found while designing the gate: with a lower report at day 13 the
    tier must not end up above the tier without it."""

    def story(involved_on_day_13):
        return [
            (0, HURT, 6),
            (7, HURT, 6),
            (13, INVOLVED, involved_on_day_13),
            (14, HURT, 6),
            (15, INVOLVED, 4),
            (16, INVOLVED, 10),
            (17, HURT, 6),
        ]

    assert tier(story(10)) == 1
    assert tier(story(4)) == 1


def with_holds(entries, held):
    """Readiness entries as above, and holds as (day, who)."""
    return [*reports(*entries), *(Hold(DAY0 + timedelta(days=day), who) for day, who in held)]


TWO_OPEN = [(0, HURT, 6), (7, HURT, 6), (14, HURT, 6)]

# A false-connection "often" on rushing, pressure or pretending: a hold.
HOLD_CASES = [
    ("tier 2 open, nothing held", TWO_OPEN, [], 2),
    ("involved partner rushing: often lowers 2 to 1 at once", TWO_OPEN, [(15, INVOLVED)], 1),
    ("hurt partner's hold lowers 2 to 1 at once too", TWO_OPEN, [(15, HURT)], 1),
    ("a hold at the moment tier 2 would open lowers tier 1 instead", TWO_OPEN, [(14, INVOLVED)], 0),
    ("two holds: 2 to 1, then 1 to 0", TWO_OPEN, [(15, INVOLVED), (16, HURT)], 0),
    (
        "a hold restarts the count: a week is not enough",
        [*TWO_OPEN, (21, HURT, 6)],
        [(15, HURT)],
        1,
    ),
    (
        "after a hold, steady readiness climbs again, a week at a time",
        [*TWO_OPEN, (16, HURT, 6), (23, HURT, 6)],
        [(15, INVOLVED)],
        2,
    ),
    (
        "a hold before anything opened holds tier 1 back",
        [(0, HURT, 6), (7, HURT, 6)],
        [(3, HURT)],
        0,
    ),
    ("holds alone open nothing", [], [(0, HURT), (7, INVOLVED)], 0),
    (
        "a hold is one tier down, not a setback to zero",
        [(d, HURT, 9) for d in (0, 7, 14, 21, 28)],
        [(29, INVOLVED)],
        3,
    ),
]


@pytest.mark.parametrize(
    ("entries", "held", "expected"),
    [row[1:] for row in HOLD_CASES],
    ids=[row[0] for row in HOLD_CASES],
)
def test_false_connection_holds(entries, held, expected):
    result = open_tier(with_holds(entries, held), DEFAULT, DAY0 + timedelta(days=365))

    assert result.tier == expected


@pytest.mark.parametrize(
    ("entries", "policy", "expected"),
    [row[1:] for row in DESIGN_TABLE],
    ids=[row[0] for row in DESIGN_TABLE],
)
def test_design_worked_examples_hold_with_a_hold_before_anything(entries, policy, expected):
    """The worked examples are unchanged when no hold is made, and a hold made
    before the first report (nothing open yet) changes none of them."""
    assert open_tier(with_holds(entries, []), policy, DAY0 + timedelta(days=365)).tier == expected
    early = with_holds(entries, [(-1, INVOLVED)])
    assert open_tier(early, policy, DAY0 + timedelta(days=365)).tier == expected


def test_a_hold_says_things_slowed_down():
    result = open_tier(with_holds(TWO_OPEN, [(15, INVOLVED)]), DEFAULT, DAY0 + timedelta(days=16))

    assert result.reason == Reason.SLOWED


def test_a_hold_needs_a_timezone_aware_moment_and_a_partner():
    with pytest.raises(ValueError):
        Hold(datetime(2026, 1, 1), HURT)  # noqa: DTZ001 - naive on purpose
    with pytest.raises(ValueError):
        Hold(DAY0, "partner")
