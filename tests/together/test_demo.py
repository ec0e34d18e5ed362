from django.core.management import call_command

from accounts.demo import seed_people
from together import demo
from together.models import Answer, Goal, JournalEntry, Pause, Question, Win


def test_the_demo_seed_is_complete_and_safe_to_run_twice(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    demo.seed(people)

    assert Question.objects.count() == 3
    assert Answer.objects.filter(supersedes__isnull=False).count() == 1  # one edited answer
    assert Pause.objects.open().count() == 0 and Pause.objects.count() == 1
    assert Win.objects.filter(thanked_at__isnull=False).count() >= 2
    assert Goal.objects.get().steps.count() == 4
    assert set(JournalEntry.objects.values_list("author__email", flat=True)) == {
        "hurt@demo.test",
        "involved@demo.test",
    }


def test_seed_demo_includes_the_tools(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Question.objects.exists() and JournalEntry.objects.exists()
