from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse

from checkins.weeks import streak as weeks_in_a_row
from together.models import Goal, Step, Win, WinKind
from together.services import wins_strip

from ..conftest import client_for


def note(membership, text="You made tea without being asked.", kind=WinKind.APPRECIATION):
    return Win.note(membership, kind, text)


def test_a_win_is_noted_and_the_partner_thanks_it(hurt, involved, couple):
    client_for(hurt).post(
        reverse("together:wins"), {"kind": WinKind.SMALL_WIN, "text": "We walked and talked."}
    )
    win = Win.objects.get()
    assert win.author == hurt

    today = client_for(involved).get(reverse("together:today")).content.decode()
    assert "We walked and talked." in today
    assert "Thank you" in today

    response = client_for(involved).post(
        reverse("together:thank_win", args=[win.pk]), {"next": reverse("together:today")}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("together:today")
    win.refresh_from_db()
    assert win.thanked_at is not None
    page = client_for(hurt).get(reverse("together:wins")).content.decode()
    assert "Your partner said thank you." in page


def test_thanking_with_htmx_returns_just_the_win(involved, hurt_membership):
    win = note(hurt_membership)

    response = client_for(involved).post(
        reverse("together:thank_win", args=[win.pk]), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<html" not in html and "<nav" not in html
    assert f'id="win-{win.pk}"' in html
    assert "You said thank you." in html


def test_thanks_from_elsewhere_never_leave_the_site(involved, hurt_membership):
    win = note(hurt_membership)

    response = client_for(involved).post(
        reverse("together:thank_win", args=[win.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("together:wins")


def test_the_author_cannot_thank_their_own_win(hurt, hurt_membership):
    win = note(hurt_membership)

    response = client_for(hurt).post(reverse("together:thank_win", args=[win.pk]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    win.refresh_from_db()
    assert win.thanked_at is None


def test_the_author_edits_their_own_win(hurt, hurt_membership):
    win = note(hurt_membership)
    url = reverse("together:edit_win", args=[win.pk])
    assert client_for(hurt).get(url).status_code == HTTPStatus.OK

    client_for(hurt).post(url, {"kind": WinKind.SMALL_WIN, "text": "Tea, and a long hug."})

    win.refresh_from_db()
    assert (win.kind, win.text) == (WinKind.SMALL_WIN, "Tea, and a long hug.")


@pytest.mark.parametrize("method", ["get", "post"])
def test_editing_the_partners_win_is_refused(involved, hurt_membership, method):
    win = note(hurt_membership)
    url = reverse("together:edit_win", args=[win.pk])

    response = getattr(client_for(involved), method)(url, {"kind": "small_win", "text": "Mine"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    win.refresh_from_db()
    assert win.text == "You made tea without being asked."


@pytest.mark.parametrize("who", ["outsider", "therapist"])
def test_another_couples_win_is_404(request, hurt_membership, who):
    win = note(hurt_membership)
    client = client_for(request.getfixturevalue(who))

    assert client.post(reverse("together:edit_win", args=[win.pk])).status_code == 404
    assert client.post(reverse("together:thank_win", args=[win.pk])).status_code == 404
    win.refresh_from_db()
    assert win.thanked_at is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "small_win", "text": ""}, "Please write something here first."),
        ({"kind": "small_win", "text": "x" * 1001}, "under 1000 characters"),
        ({"kind": "grudge", "text": "Hm"}, "Select a valid choice"),
    ],
)
def test_a_bad_win_is_a_form_error(hurt, hurt_membership, data, message):
    win = note(hurt_membership)
    for url in (reverse("together:wins"), reverse("together:edit_win", args=[win.pk])):
        response = client_for(hurt).post(url, data)

        assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
        assert message in response.content.decode()
    assert Win.objects.count() == 1


@pytest.mark.parametrize(
    ("weeks", "this_week", "streak"),
    [
        (set(), date(2026, 3, 2), 0),
        ({date(2026, 3, 2)}, date(2026, 3, 2), 1),
        ({date(2026, 2, 23)}, date(2026, 3, 2), 1),  # this week is not over yet
        ({date(2026, 2, 16)}, date(2026, 3, 2), 0),
        ({date(2026, 3, 2), date(2026, 2, 23), date(2026, 2, 16)}, date(2026, 3, 2), 3),
        ({date(2026, 3, 2), date(2026, 2, 16)}, date(2026, 3, 2), 1),
    ],
)
def test_a_streak_counts_weeks_in_a_row(weeks, this_week, streak):
    assert weeks_in_a_row(weeks, this_week) == streak


def test_the_weekly_strip_shows_this_weeks_wins_and_celebrates_the_streak(
    hurt, couple, hurt_membership, time_machine
):
    wednesday = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    for weeks_ago in (3, 2):
        time_machine.move_to(wednesday - timedelta(weeks=weeks_ago), tick=False)
        note(hurt_membership, text=f"An older win {weeks_ago}")
    time_machine.move_to(wednesday - timedelta(weeks=1), tick=False)
    goal = Goal.objects.create(couple=couple, title="Sea")
    Step.objects.create(goal=goal, text="Book it").mark(hurt_membership, done=True)
    time_machine.move_to(wednesday, tick=False)
    note(hurt_membership, text="This week's win")

    strip = wins_strip(couple, wednesday)

    assert [win.text for win in strip["wins"]] == ["This week's win"]
    assert strip["streak"] == 4
    page = client_for(hurt).get(reverse("together:today")).content.decode()
    assert "4 weeks in a row with something good noticed or a step kept" in page


def test_the_strip_uses_the_couples_week(hurt, couple, hurt_membership, time_machine):
    couple.timezone = "Pacific/Auckland"
    couple.save(update_fields=["timezone"])
    # Sunday 11:30 UTC is already Monday in Auckland: a new week has begun there.
    time_machine.move_to(datetime(2026, 3, 8, 11, 30, tzinfo=UTC), tick=False)
    note(hurt_membership, text="Sunday in London, Monday in Auckland")

    assert wins_strip(couple, datetime(2026, 3, 8, 11, 31, tzinfo=UTC))["wins"]
    assert not wins_strip(couple, datetime(2026, 3, 15, 11, 31, tzinfo=UTC))["wins"]


def test_the_strip_fragment_can_be_included_elsewhere(hurt, couple, hurt_membership, rf):
    from django.template.loader import render_to_string
    from django.utils import timezone as tz

    note(hurt_membership, text="Included on the check-in page")
    request = rf.get("/")
    request.user = hurt

    html = render_to_string(
        "together/_wins_strip.html", {"strip": wins_strip(couple, tz.now())}, request=request
    )

    assert "Included on the check-in page" in html
    assert "<html" not in html
