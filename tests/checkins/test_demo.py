from datetime import UTC, datetime

import time_machine

from accounts.demo import seed_people
from checkins import demo
from checkins.history import history_for
from checkins.models import Answer, CheckIn


def test_the_demo_couple_gets_twelve_weeks_with_an_upward_trend_and_a_setback(db):
    with time_machine.travel(datetime(2026, 3, 4, 12, tzinfo=UTC), tick=False):
        people = seed_people("demo-pass-2026")
        demo.seed(people)
        demo.seed(people)  # idempotent

        hurt = people["hurt"].memberships.get()
        history = history_for(hurt, people["involved"].memberships.get(), "12", datetime.now(UTC))

    assert CheckIn.objects.count() == 11  # one of the twelve weeks was missed
    assert Answer.objects.count() == 22
    assert not Answer.objects.filter(submitted_at__isnull=True).exists()
    assert [week.state for week in history.weeks[:3]] == ["open", "kept", "kept"]
    assert history.streak == 9
    safety = [mine for _day, (mine, _theirs) in history.trends[0].rows]
    assert safety[-1] > safety[0]  # steadier ground over the weeks
    assert any(later < earlier for earlier, later in zip(safety, safety[1:], strict=False))
    assert history.wins  # small wins to celebrate
