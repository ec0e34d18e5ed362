from datetime import timedelta
from http import HTTPStatus

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import BACKGROUND_HEADER
from accounts.models import SafetyCheck

from ..conftest import client_for


def test_a_session_ends_after_thirty_idle_minutes(hurt, couple):
    client = client_for(hurt)
    assert client.get(reverse("home")).status_code == HTTPStatus.OK

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_activity_keeps_a_session_alive(hurt, couple):
    client = client_for(hurt)
    start = timezone.now()
    for minutes in (0, 20, 40, 60, 80):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(reverse("home")).status_code == HTTPStatus.OK


def test_the_pages_own_timed_refreshes_do_not_keep_a_session_alive(hurt, couple):
    """An open tab left on a shared computer still times out: the count of what's new
    polls every minute, but that is not someone at the screen."""
    client = client_for(hurt)
    start = timezone.now()
    home = client.get(reverse("home")).content.decode()
    assert f'hx-headers=\'{{"{BACKGROUND_HEADER}": "1"}}\' data-poll-when-visible' in home
    for minutes in (10, 20, 29):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            poll = client.get(
                reverse("notices:count"), headers={BACKGROUND_HEADER: "1", "HX-Request": "true"}
            )
            assert poll.status_code == HTTPStatus.OK

    with time_machine.travel(start + timedelta(minutes=31)):
        response = client.get(reverse("home"))

    assert response["Location"].startswith(reverse("account_login"))


def test_a_login_ends_after_its_absolute_lifetime_even_when_active(hurt, couple):
    client = client_for(hurt)
    client.get(reverse("home"))
    session = client.session
    session["session_started_at"] -= 14 * 24 * 3600 + 60
    session.save()

    response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_every_response_limits_browser_features(client, hurt, couple):
    for response in (client.get(reverse("support")), client_for(hurt).get(reverse("home"))):
        assert "camera=()" in response["Permissions-Policy"]


def test_a_discreet_title_hides_the_apps_name(hurt, couple):
    hurt.discreet_title = True
    hurt.save(update_fields=["discreet_title"])

    html = client_for(hurt).get(reverse("home")).content.decode()

    assert "<title>Notes</title>" in html


def test_safety_check_yes_shows_support_and_stays_private(hurt, involved, couple):
    response = client_for(hurt).post(reverse("safety_check"), {"afraid": "yes"})

    assert response.status_code == HTTPStatus.OK
    assert "speak with a counsellor" in response.content.decode()
    check = SafetyCheck.objects.get(user=hurt)
    assert check.share_with_therapist is False
    partner_home = client_for(involved).get(reverse("home")).content.decode()
    assert "afraid" not in partner_home.lower()


def test_safety_check_no_answer_is_a_form_error(hurt):
    response = client_for(hurt).post(reverse("safety_check"), {"afraid": "perhaps"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not SafetyCheck.objects.exists()
