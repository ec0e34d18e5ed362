"""The transparent-week rule: a pure function and its run, as tables; the queryset
method over real rows in several time zones; and the hurt partner's sealed answer that
feeds it, which the involved partner never sees (nor feels in the count) before the
reveal."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from checkins.models import Answer, CheckIn, ExpectedHeadsUp
from notices.models import Notice
from transparency.models import PlanHabit, WeekPlan
from transparency.streaks import WeekEvidence, is_transparent, transparent_run

from ..checkins.conftest import answer_data
from ..checkins.test_seal import everything_the_partner_can_fetch, normalised
from ..conftest import client_for

YES, NO = ExpectedHeadsUp.YES, ExpectedHeadsUp.NO


@pytest.mark.parametrize(
    ("plans_on", "evidence", "transparent"),
    [
        (True, WeekEvidence(plans_shared=True, revealed=True, expected_heads_up=NO), True),
        (True, WeekEvidence(plans_shared=False, revealed=True, expected_heads_up=NO), False),
        (False, WeekEvidence(plans_shared=False, revealed=True, expected_heads_up=NO), True),
        (False, WeekEvidence(plans_shared=True, revealed=True, expected_heads_up=NO), True),
        # The hurt partner expected a heads-up that did not come.
        (True, WeekEvidence(plans_shared=True, revealed=True, expected_heads_up=YES), False),
        (False, WeekEvidence(plans_shared=False, revealed=True, expected_heads_up=YES), False),
        # Left empty: nothing was raised.
        (False, WeekEvidence(plans_shared=False, revealed=True, expected_heads_up=""), True),
        # Not revealed yet: the sealed answer is not read, the week not counted (yet).
        (True, WeekEvidence(plans_shared=True, revealed=False, expected_heads_up=""), False),
        (False, WeekEvidence(plans_shared=False, revealed=False), False),
    ],
)
def test_the_rule(plans_on, evidence, transparent):
    assert is_transparent(evidence, plans_on) is transparent


MON = date(2026, 3, 2)


def weeks_before(*backs) -> set[date]:
    return {MON - timedelta(weeks=back) for back in backs}


@pytest.mark.parametrize(
    ("kept", "run"),
    [
        (set(), 0),
        (weeks_before(0), 1),
        (weeks_before(1), 1),  # this week is not over: it never breaks the run
        (weeks_before(1, 2, 3), 3),
        (weeks_before(2, 3), 2),  # last week's check-in is still open: not a break yet
        (weeks_before(0, 1, 3, 4), 2),  # a missed week ends the run, and is never shown
        (weeks_before(3, 4), 0),
    ],
)
def test_the_run_counts_back_from_the_weeks_not_over(kept, run):
    assert transparent_run(kept, MON) == run


# Rows in the database -------------------------------------------------------------------


def reveal(couple, hurt, involved, week, expected=NO):
    """A past week both shared, written directly (its check-in has closed since)."""
    moment = datetime.combine(week, datetime.min.time(), tzinfo=UTC) + timedelta(days=6)
    checkin = CheckIn.objects.create(couple=couple, week_start=week, revealed_at=moment)
    for author in (hurt, involved):
        answer = Answer(checkin=checkin, author=author, submitted_at=moment)
        answer.fill(answer_data() | {"expected_heads_up": expected if author == hurt else ""})
        answer.save()


def share_plans(couple, author, week):
    WeekPlan.objects.create(
        couple=couple, author=author, week_start=week, days=["Office"], shared_at=datetime.now(UTC)
    )


# Sunday 15 November 2026, 20:00 UTC: already Monday 16 November, 9:00, in Auckland.
SUNDAY_EVENING_UTC = datetime(2026, 11, 15, 20, 0, tzinfo=UTC)
NOV_2, NOV_9 = date(2026, 11, 2), date(2026, 11, 9)
OCT_19, OCT_26 = date(2026, 10, 19), date(2026, 10, 26)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "plans_on", "revealed", "shared", "run"),
    [
        # In UTC this week is 9 Nov: it and 2 Nov are still open, so 26 Oct continues.
        ("UTC", False, {OCT_26: NO}, set(), 1),
        # In Auckland it is already the week of 16 Nov: 26 Oct is out of reach.
        ("Pacific/Auckland", False, {OCT_26: NO}, set(), 0),
        ("UTC", True, {OCT_26: NO, NOV_2: NO}, {OCT_26, NOV_2}, 2),
        ("UTC", True, {OCT_26: NO, NOV_2: NO}, {NOV_2}, 1),  # plans missing on 26 Oct
        ("UTC", False, {OCT_26: NO, NOV_2: NO}, set(), 2),
        # Last week is still open: a week not counted there never breaks the run...
        ("UTC", False, {OCT_26: NO, NOV_2: YES}, set(), 1),
        # ... but one further back ends it.
        ("UTC", False, {OCT_19: NO, OCT_26: YES}, set(), 0),
        ("America/Los_Angeles", True, {OCT_26: NO, NOV_2: NO, NOV_9: NO}, {NOV_2, NOV_9}, 2),
    ],
)
def test_the_queryset_method_in_each_time_zone(
    couple, hurt, involved, zone, plans_on, revealed, shared, run
):
    couple.timezone = zone
    couple.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    couple.save(update_fields=["timezone", "created_at"])
    PlanHabit.objects.create(couple=couple, plans_on=plans_on)
    for week, expected in revealed.items():
        reveal(couple, hurt, involved, week, expected)
    for week in shared:
        share_plans(couple, involved, week)
    share_plans(couple, hurt, OCT_26)  # the hurt partner's plans never count for it

    assert WeekPlan.objects.transparent_run(couple, SUNDAY_EVENING_UTC) == run


# The sealed answer ---------------------------------------------------------------------

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WEEK = date(2026, 3, 2)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def fetch_all(client) -> list:
    return everything_the_partner_can_fetch(client) + [
        client.get("/"),
        client.get(reverse("together:wins")),
        client.get(reverse("transparency:heads_ups")),
        client.get(reverse("transparency:plans")),
    ]


@pytest.mark.django_db
def test_only_the_hurt_partner_is_asked(frozen, couple, hurt, involved):
    url = reverse("checkins:week", args=[WEEK.isoformat()])
    assert "expected a heads-up about" in client_for(hurt).get(url).content.decode()
    assert "expected a heads-up about" not in client_for(involved).get(url).content.decode()
    # Sent anyway by the involved partner, it is ignored.
    client_for(involved).post(
        reverse("checkins:save_answer", args=[WEEK.isoformat()]), {"expected_heads_up": "yes"}
    )
    assert Answer.objects.get(author=involved).expected_heads_up == ""


@pytest.mark.django_db
def test_the_involved_partner_never_sees_a_yes_before_the_reveal(frozen, couple, hurt, involved):
    couple.created_at = datetime(2023, 1, 2, tzinfo=UTC)
    couple.save(update_fields=["created_at"])
    PlanHabit.objects.create(couple=couple, plans_on=False)
    reveal(couple, hurt, involved, WEEK - timedelta(weeks=1))  # a run of 1 already
    checkin = CheckIn.objects.create(couple=couple, week_start=WEEK)
    alex = client_for(involved)
    seen = {}
    for expected in (YES, NO):
        Answer.objects.filter(checkin=checkin).delete()
        Notice.objects.all().delete()  # "Sam shared" is news either way, once
        client_for(hurt).post(
            reverse("checkins:save_answer", args=[WEEK.isoformat()]),
            answer_data() | {"expected_heads_up": expected, "action": "submit"},
        )
        assert Answer.objects.get(checkin=checkin, author=hurt).expected_heads_up == expected
        responses = fetch_all(alex)
        # The notice's own id differs from one round to the next, and is no word.
        seen[expected] = [
            re.sub(r"\?notice=\d+", "", normalised(response)) for response in responses
        ]
        for response in responses:
            assert "Yes, something" not in response.content.decode()

    assert seen[YES] == seen[NO]  # not a byte differs, the run of weeks included

    checkin.submit(involved, answer_data())  # the reveal
    page = alex.get(reverse("checkins:week", args=[WEEK.isoformat()])).content.decode()
    assert "No, nothing" in page


@pytest.mark.django_db
def test_todays_streaks_follow_each_write_right_after_being_shown(couple, hurt, involved):
    """Today keeps both runs as numbers in the cache: a new reveal, a plan shared, the
    plan habit turned on, a win and a goal step each change them on the next view."""
    from together.models import Goal, Step, Win
    from together.services import streaks

    couple.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    couple.save(update_fields=["created_at"])
    assert streaks(couple, SUNDAY_EVENING_UTC) == (0, 0)

    reveal(couple, hurt, involved, OCT_26)
    assert streaks(couple, SUNDAY_EVENING_UTC) == (0, 1)
    habit = PlanHabit.objects.create(couple=couple, plans_on=True)
    assert streaks(couple, SUNDAY_EVENING_UTC) == (0, 0)  # plans are now part of the rule
    share_plans(couple, involved, OCT_26)
    assert streaks(couple, SUNDAY_EVENING_UTC) == (0, 1)
    habit.delete()

    with time_machine.travel(SUNDAY_EVENING_UTC - timedelta(days=1), tick=False):
        Win.objects.create(couple=couple, author=hurt, text="A calm evening")
    assert streaks(couple, SUNDAY_EVENING_UTC) == (1, 1)
    goal = Goal.objects.create(couple=couple, title="A weekend away")
    step = Step.objects.create(goal=goal, text="Choose a place")
    with time_machine.travel(SUNDAY_EVENING_UTC - timedelta(weeks=1), tick=False):
        step.mark(couple.memberships.get(user=hurt), done=True)
    assert streaks(couple, SUNDAY_EVENING_UTC) == (2, 1)
