"""Back after a quick exit: a page that names nothing, until the person continues."""

from http import HTTPStatus

from django.urls import reverse

from accounts.quick_exit import COOKIE

from ..conftest import client_for

GIVEAWAYS = ("Common Ground", "signed out", "next=", "Sign In", "Quick exit")


def leave(client):
    response = client.post(reverse("leave"))
    assert response.status_code == HTTPStatus.NO_CONTENT
    return response


def test_leaving_signs_out_quietly_and_back_shows_a_neutral_page(couple, hurt):
    client = client_for(hurt)
    leave(client)

    for path in ("/", "/together/journal/", "/accounts/login/?next=/together/journal/"):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert response["Cache-Control"] == "no-store"
        for giveaway in GIVEAWAYS:
            assert giveaway not in response.text, (path, giveaway)
        assert "This page is not available" in response.text


def test_continue_opens_the_sign_in_page_again(couple, hurt):
    client = client_for(hurt)
    leave(client)

    response = client.get(reverse("come_back"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_login")
    assert COOKIE not in {k for k, v in client.cookies.items() if v.value}
    assert "Sign In" in client.get(reverse("account_login")).text


def test_signing_in_again_shows_the_space_as_usual(couple, hurt):
    client = client_for(hurt)
    leave(client)
    client.force_login(hurt)

    assert "Common Ground" in client.get("/").text


def test_every_page_asks_the_browser_not_to_keep_it(db, client):
    assert client.get(reverse("account_login"))["Cache-Control"] == "no-store"
