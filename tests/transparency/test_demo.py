from django.core.management import call_command

from accounts.demo import seed_people
from transparency import demo
from transparency.models import HeadsUp, HeadsUpVersion, PlanHabit, Telling, WeekPlan


def test_the_demo_seed_has_weeks_of_heads_ups_and_plans_and_runs_twice(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    demo.seed(people)

    assert HeadsUp.objects.count() == len(demo.HEADS_UPS)
    assert HeadsUpVersion.objects.count() == 1  # one changed heads-up
    assert WeekPlan.objects.filter(shared_at__isnull=False).count() == 4
    assert WeekPlan.objects.filter(changed_at__isnull=False).count() == 1
    assert PlanHabit.objects.get().plans_on
    assert Telling.objects.filter(opened_at__isnull=True, for_session=True).count() == 1


def test_seed_demo_includes_heads_ups(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert HeadsUp.objects.exists() and WeekPlan.objects.exists()
