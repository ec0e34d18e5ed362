from http import HTTPStatus

from django.core.management import call_command

from accounts.models import User
from notices.models import Notice

from ..conftest import client_for


def test_the_demo_couple_has_a_few_unread_notices_that_open_their_items(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = Notice.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Notice.objects.count() == before  # safe to run twice
    for email in ("hurt@demo.test", "involved@demo.test"):
        person = User.objects.get(email=email)
        unread = list(Notice.objects.visible_to(person).unread())
        assert 1 <= len(unread) <= 12
        client = client_for(person)
        for notice in unread:
            assert client.get(notice.link).status_code == HTTPStatus.OK, notice.path
        assert not Notice.objects.visible_to(person).unread().exists()  # opened: read
    for email in ("therapist@demo.test", "outsider1@demo.test"):
        assert not Notice.objects.filter(recipient__email=email).exists()
