"""What the public pages tell a phone, a search engine and a stranger."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from ..conftest import client_for

PUBLIC = ["/accounts/login/", "/accounts/signup/", "/support/"]


def test_support_numbers_can_be_called_with_a_tap_and_sites_opened(client):
    html = client.get(reverse("support")).text

    for number in ("tel:+18007997233", "tel:08082000247", "tel:1800737732", "tel:988"):
        assert f'href="{number}"' in html
    assert 'href="tel:116123">116 123</a>' in html
    assert 'href="sms:88788"' in html
    assert 'href="https://www.sheltersafe.ca/" rel="noreferrer">sheltersafe.ca</a>' in html
    assert 'href="https://www.iasp.info/crisis-centres-helplines/"' in html


def test_robots_txt_lets_only_the_public_pages_be_indexed(client):
    response = client.get("/robots.txt")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /" in lines
    assert {f"Allow: {path}" for path in PUBLIC} <= set(lines)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_carry_a_neutral_description(client, path):
    html = client.get(path).text

    assert '<meta name="description" content="A calm, private space' in html
    for word in ("affair", "infidelity", "betray", "cheat"):
        assert word not in html.lower().split('<meta name="description"')[1].split(">")[0]


def test_signed_in_pages_ask_not_to_be_indexed(couple, hurt):
    response = client_for(hurt).get(reverse("profile"))

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="description"' not in response.text
