"""Small truths in the wording: "just now", one week, roles in lower case mid-sentence."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Couple, Role
from accounts.templatetags.time_ago import ago

from ..conftest import client_for
from ..factories import make_user

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "words"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=1), "1\xa0minute ago"),
        (timedelta(hours=3), "3\xa0hours ago"),
    ],
)
def test_how_long_ago_reads_just_now_under_a_minute(before, words):
    assert ago(NOW - before, NOW) == words


def test_the_home_page_says_a_trigger_was_shared_just_now(couple, hurt, involved):
    from triggers.models import Sharing

    from ..triggers.builders import log

    log(hurt, sharing=Sharing.SHARE_NOW)

    page = client_for(involved).get(reverse("home")).text

    assert "A hard moment, shared just now, is waiting for your reassurance" in page
    assert "0\xa0minutes" not in page


def test_a_first_week_reads_1_of_1_week(couple, hurt):
    with time_machine.travel(NOW, tick=False):
        couple.created_at = NOW
        couple.save(update_fields=["created_at"])
        page = client_for(hurt).get(reverse("checkins:history")).text

    assert "0 of 1 week kept so far." in page
    assert "of 1 weeks" not in page


def test_the_invitation_names_the_role_in_lower_case(db, django_capture_on_commit_callbacks):
    from django.core import mail

    sam = make_user("sam@example.test", "Sam")
    Couple.start(sam, Role.HURT)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(sam).post(reverse("invite_partner"), {"email": "pat@example.test"})
    link = mail.outbox[-1].body.split("/join/", 1)[1].split("/", 1)[0]
    pat = make_user("pat@example.test", "Pat")

    page = client_for(pat).get(f"/join/{link}/").text

    assert "You would join as the involved partner." in page
