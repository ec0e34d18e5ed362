from http import HTTPStatus

from django.core.management import call_command

from accounts.models import User
from intensives.models import Intensive, Kind

from ..conftest import client_for


def test_the_demo_therapist_planned_a_two_day_intensive(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (twice is safe)

    intensive = Intensive.objects.get()
    assert intensive.days == 2 and intensive.therapist.email == "therapist@demo.test"
    steps = list(intensive.steps.all())
    assert {step.kind for step in steps} >= {Kind.GUIDE, Kind.CHECKIN}
    assert all(intensive.holds(step.opens_at, step.closes_at) for step in steps)
    for email in ("hurt@demo.test", "involved@demo.test"):
        client = client_for(User.objects.get(email=email))
        assert "An intensive with your therapist" in client.get("/").text
        assert client.get(intensive.path).status_code == HTTPStatus.OK
