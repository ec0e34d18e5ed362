from django.core.management import call_command

from practice.models import AgendaItem, Practice, PracticeMark


def test_the_demo_has_a_practice_in_progress_and_an_agenda_item(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (twice is safe)

    assert Practice.objects.count() == 2
    current = Practice.objects.order_by("-due_week").first()
    assert current.exercise is not None and current.therapist.is_therapist
    assert PracticeMark.objects.filter(practice=current).count() == 1  # in progress
    assert AgendaItem.objects.count() == 1
