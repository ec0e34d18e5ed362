"""Messages from htmx requests reach the page's live region (a toast), announced to
screen readers; plain requests keep showing them on the next page."""

from http import HTTPStatus

from django.urls import reverse

from together.models import Goal, Step, Win

from ..conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_htmx_thank_you_is_announced_in_the_live_region(hurt, involved, couple):
    win = Win.note(couple.memberships.get(user=involved), "win", "We cooked together.")

    response = client_for(hurt).post(reverse("together:thank_win", args=[win.pk]), **HTMX)

    assert response.status_code == HTTPStatus.OK
    html = response.text
    assert "<html" not in html  # a fragment, not a page
    assert 'hx-swap-oob="innerHTML:#messages"' in html
    assert "Your thank-you is shared." in html


def test_without_javascript_the_message_waits_for_the_next_page(hurt, involved, couple):
    win = Win.note(couple.memberships.get(user=involved), "win", "We cooked together.")
    client = client_for(hurt)

    response = client.post(reverse("together:thank_win", args=[win.pk]))

    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response["Location"])
    assert "hx-swap-oob" not in page.text
    assert 'id="messages"' in page.text
    assert "Your thank-you is shared." in page.text


def test_a_message_is_shown_once(hurt, couple):
    goal = Goal.objects.create(couple=couple, title="Walk on Sundays")
    step = Step.objects.create(goal=goal, text="Pick a route")
    client = client_for(hurt)
    url = reverse("together:mark_step", args=[goal.pk, step.pk])

    first = client.post(url, {"done": "1"}, **HTMX)
    later = client.get(reverse("together:goal", args=[goal.pk]))

    assert "Step marked as done." in first.text
    assert "Step marked as done." not in later.text


def test_a_fragment_without_messages_gets_nothing_extra(hurt, couple):
    response = client_for(hurt).get(reverse("checkins:history") + "?span=all", **HTMX)

    assert response.status_code == HTTPStatus.OK
    assert "hx-swap-oob" not in response.text
