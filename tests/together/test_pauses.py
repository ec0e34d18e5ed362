from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone as tz

from together.models import OPENING_LINES, Pause

from ..conftest import client_for

REASON = "REASON-MARKER-7f3a he brought up the gym again"


@pytest.fixture
def now(time_machine, couple):
    moment = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)  # a Wednesday evening
    time_machine.move_to(moment, tick=False)
    return moment


def request_pause(user, **data):
    return client_for(user).post(reverse("together:pause"), {"reason": REASON, **data})


def test_a_pause_is_seen_by_the_partner_at_once_without_its_reason(hurt, involved, now):
    response = request_pause(hurt, length="20m")

    assert response.status_code == HTTPStatus.FOUND
    pause = Pause.objects.get()
    assert pause.ends_at == now + timedelta(minutes=20)
    assert pause.reason == REASON
    for url_name in ["together:today", "together:pause", "together:wins", "together:questions"]:
        page = client_for(involved).get(reverse(url_name)).content.decode()
        assert "Sam asked for a pause" in page, url_name
        assert "18:20" in page
        assert "REASON-MARKER" not in page, url_name


def test_the_requester_sees_their_own_reason_in_the_history(hurt, now):
    request_pause(hurt, length="1h")

    page = client_for(hurt).get(reverse("together:pause")).content.decode()

    assert "You're taking a pause" in page
    assert "REASON-MARKER" in page


def test_the_return_time_is_shown_in_each_persons_time_zone(hurt, involved, now):
    involved.timezone = "Europe/Berlin"
    involved.save(update_fields=["timezone"])
    request_pause(hurt, length="1h")

    page = client_for(involved).get(reverse("together:today")).content.decode()

    assert "20:00" in page  # 19:00 UTC in Berlin in March


def test_until_tomorrow_means_nine_in_the_morning_where_the_requester_lives(hurt, now):
    hurt.timezone = "America/New_York"
    hurt.save(update_fields=["timezone"])

    request_pause(hurt, length="tomorrow")

    ends_at = Pause.objects.get().ends_at.astimezone(hurt.zone)
    assert (ends_at.date().isoformat(), ends_at.hour, ends_at.minute) == ("2026-03-05", 9, 0)


def test_until_tomorrow_never_exceeds_the_longest_pause(hurt, couple, time_machine):
    time_machine.move_to(datetime(2026, 3, 4, 7, 30, tzinfo=UTC), tick=False)

    request_pause(hurt, length="tomorrow")

    assert Pause.objects.get().length == timedelta(hours=24)


def test_a_chosen_return_time_is_read_in_the_requesters_time_zone(hurt, now):
    hurt.timezone = "Europe/Berlin"
    hurt.save(update_fields=["timezone"])

    request_pause(hurt, length="custom", return_at="2026-03-04T21:30")

    assert Pause.objects.get().ends_at == datetime(2026, 3, 4, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"length": "custom", "return_at": "2026-03-05T18:01"}, "up to 24 hours"),
        ({"length": "custom", "return_at": "2026-03-09T12:00"}, "up to 24 hours"),
        ({"length": "custom", "return_at": "2026-03-04T17:00"}, "later than now"),
        ({"length": "custom", "return_at": ""}, "when you&#x27;ll come back"),
        ({"length": "custom", "return_at": "tomorrowish"}, "Please enter a date and time"),
        ({"length": "3 days"}, "Select a valid choice"),
        ({"length": "1h", "reason": "x" * 501}, "under 500 characters"),
        ({}, "Please choose how long"),
    ],
)
def test_a_bad_pause_is_a_clear_form_error(hurt, couple, now, data, message):
    response = client_for(hurt).post(reverse("together:pause"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.content.decode()
    assert not Pause.objects.exists()


def test_exactly_24_hours_is_allowed(hurt, couple, now):
    response = request_pause(hurt, length="custom", return_at="2026-03-05T18:00")

    assert response.status_code == HTTPStatus.FOUND
    assert Pause.objects.get().length == timedelta(hours=24)


def test_one_pause_at_a_time_per_couple(hurt, involved, now):
    request_pause(hurt, length="1h")

    response = request_pause(involved, length="20m")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "already running" in response.content.decode()
    assert Pause.objects.count() == 1


def test_the_database_refuses_a_second_open_pause(hurt, couple, now):
    Pause.objects.create(couple=couple, requested_by=hurt, ends_at=now + timedelta(hours=1))

    with pytest.raises(IntegrityError):
        Pause.objects.create(couple=couple, requested_by=hurt, ends_at=now + timedelta(hours=2))


def test_when_time_is_up_both_see_a_calm_prompt_to_return(hurt, involved, now, time_machine):
    request_pause(hurt, length="20m")
    pause = Pause.objects.get()
    time_machine.move_to(now + timedelta(minutes=21), tick=False)

    for person in (hurt, involved):
        page = client_for(person).get(reverse("together:today")).content.decode()
        assert "The pause is over" in page
        assert str(pause.opening_line).replace("'", "&#x27;") in page
        assert pause.opening_line in OPENING_LINES
        assert "REASON-MARKER" not in page or person == hurt

    client_for(involved).post(reverse("together:end_pause", args=[pause.pk]))

    pause.refresh_from_db()
    assert pause.ended_at == now + timedelta(minutes=21)
    assert (
        "The pause is over" not in client_for(hurt).get(reverse("together:today")).content.decode()
    )


def test_a_new_pause_can_start_once_the_last_ones_time_is_up(hurt, involved, now, time_machine):
    request_pause(hurt, length="20m")
    time_machine.move_to(now + timedelta(hours=2), tick=False)

    response = request_pause(involved, length="20m")

    assert response.status_code == HTTPStatus.FOUND
    first, second = Pause.objects.order_by("started_at")
    assert first.ended_at == first.ends_at
    assert second.ended_at is None


def test_the_requester_may_come_back_early_but_the_partner_waits(hurt, involved, now):
    request_pause(hurt, length="1h")
    pause = Pause.objects.get()

    refused = client_for(involved).post(reverse("together:end_pause", args=[pause.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
    pause.refresh_from_db()
    assert pause.ended_at is None

    response = client_for(hurt).post(reverse("together:end_pause", args=[pause.pk]), follow=True)

    pause.refresh_from_db()
    assert pause.ended_at == now
    assert "Welcome back" in response.content.decode()
    assert (
        "Sam asked for a pause"
        not in client_for(involved).get(reverse("together:today")).content.decode()
    )


def test_pauses_are_counted_without_judgement_and_reasons_stay_private(hurt, involved, couple, now):
    for days in (1, 2, 3):
        start = now - timedelta(days=days)
        Pause.objects.create(
            couple=couple,
            requested_by=hurt,
            started_at=start,
            ends_at=start + timedelta(minutes=20),
            ended_at=start + timedelta(minutes=20),
            reason=REASON,
        )

    page = client_for(involved).get(reverse("together:pause")).content.decode()

    assert "3 pauses so far" in page
    assert "look after the conversation" in page
    assert "REASON-MARKER" not in page


@pytest.mark.parametrize("who", ["outsider", "therapist", "loner"])
def test_people_outside_the_couple_cannot_see_or_end_a_pause(request, hurt, now, who):
    request_pause(hurt, length="1h")
    pause = Pause.objects.get()
    client = client_for(request.getfixturevalue(who))

    if who != "outsider":  # the outsider has their own couple's pause page
        assert client.get(reverse("together:pause")).status_code == HTTPStatus.NOT_FOUND
    response = client.post(reverse("together:end_pause", args=[pause.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    pause.refresh_from_db()
    assert pause.ended_at is None


def test_the_model_refuses_a_pause_longer_than_a_day(hurt_membership, now):
    from together.models import ToolError

    with pytest.raises(ToolError):
        Pause.start(hurt_membership, tz.now() + timedelta(hours=25))
