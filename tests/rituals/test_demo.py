from django.core.management import call_command
from django.utils import timezone

from pacing.models import gate_for
from rituals import progress
from rituals.models import Favourite, Mark, Ritual


def test_the_demo_has_two_rituals_with_weeks_of_history_and_favourite_cards(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (twice is safe)

    rituals = list(Ritual.objects.all())
    assert len(rituals) == 2
    couple = rituals[0].couple
    assert all(ritual.is_going(gate_for(couple)) for ritual in rituals)
    assert Mark.objects.count() > 20 and Favourite.objects.count() == 4
    summary = progress.summary(couple, timezone.now())
    assert summary.longest_run >= 3
