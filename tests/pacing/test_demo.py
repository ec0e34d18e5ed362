from accounts.demo import seed_people
from accounts.models import Membership
from pacing import demo
from pacing.models import ReadinessReport, gate_for


def test_demo_history_opens_tier_two_for_the_demo_couple_and_is_idempotent(db):
    people = seed_people("a-demo-password-for-tests")

    demo.seed(people)
    demo.seed(people)

    couple = Membership.objects.get(user=people["hurt"]).couple
    assert gate_for(couple).tier == 2
    assert ReadinessReport.objects.filter(couple=couple).count() == len(demo.HISTORY)
    assert couple.exercise_sessions.count() == 1
