from django.core.management import call_command
from django.utils import timezone

from accounts.demo import seed_people
from notices.models import Kind, Notice
from repair import demo
from repair.measure import coming_back
from repair.models import Repair, RepairSide
from together import demo as together_demo


def test_the_demo_has_past_repairs_and_one_waiting_for_the_partner(db):
    people = seed_people("demo-pass-2026")
    together_demo.seed(people)

    demo.seed(people)
    demo.seed(people)  # safe to run twice

    assert Repair.objects.completed().count() == 3
    waiting = Repair.objects.open().get()
    assert waiting.started_by == people["hurt"]
    assert list(waiting.sides.values_list("author", flat=True)) == [people["hurt"].pk]
    assert (
        Notice.objects.filter(kind=Kind.REPAIR_WAITING, recipient=people["involved"]).count() == 1
    )
    assert RepairSide.objects.finished().count() == 6
    measure = coming_back(waiting.couple, timezone.now())
    assert measure.quarter_count == 3
    assert "faster than last month" in measure.words


def test_seed_demo_includes_repairs(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Repair.objects.open().exists() and Repair.objects.completed().exists()
