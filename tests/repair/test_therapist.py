"""What a consenting therapist sees of repairs: counts and times on the dashboard and
the couple page, and the sides of finished repairs only."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone as tz

from repair.models import Origin, Repair
from together.models import Pause

from ..conftest import client_for
from ..therapists.builders import link
from .builders import both_finish, first_step


def test_the_dashboard_counts_a_repair_as_soon_as_both_finish(sam, alex, hurt, involved, therapist):
    link(sam.couple, therapist, hurt, involved)
    client = client_for(therapist)
    dashboard = reverse("therapists:dashboard")
    assert "finished, back in" not in client.get(dashboard).content.decode()  # now cached

    pause = Pause.start(sam, tz.now() + timedelta(minutes=20))
    pause.end(sam)
    both_finish(sam, alex, Origin.PAUSE, pause=pause)

    assert "1 finished, back in under a minute (median)" in client.get(dashboard).content.decode()


def test_an_unfinished_repair_shows_nothing_of_either_side(sam, alex, hurt, involved, therapist):
    link(sam.couple, therapist, hurt, involved)
    repair, _created = Repair.start(sam, Origin.OWN)
    repair.save_side(sam, first_step("sam"))
    repair.save_side(alex, first_step("alex"))
    page = client_for(therapist).get(reverse("therapists:couple_detail", args=[sam.couple.pk]))
    html = page.content.decode()
    assert "No finished repairs yet." in html
    assert "floor went away" not in html
    assert "felt small" not in html
