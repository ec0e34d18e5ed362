"""Every page carries the quick exit first, a nonce-based CSP and htmx from our own host."""

import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import client_for

PAGES = [
    ("anonymous", "account_login"),
    ("anonymous", "account_signup"),
    ("anonymous", "support"),
    ("loner", "home"),
    ("hurt", "home"),
    ("hurt", "profile"),
    ("hurt", "notification_settings"),
    ("hurt", "safety_check"),
    ("therapist", "therapists:dashboard"),
]


@pytest.mark.parametrize(("who", "url_name"), PAGES)
def test_page_layout_is_safe_and_accessible(request, couple, who, url_name):
    client = Client() if who == "anonymous" else client_for(request.getfixturevalue(who))

    response = client.get(reverse(url_name))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    body = html[html.index("<body") :]
    first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert 'id="quick-exit"' in first_focusable
    assert "<main" in html and "<nav" in html or who == "anonymous"
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    for script in re.findall(r"<script\b[^>]*>", html):
        assert f'nonce="{nonce}"' in script or "src=" in script
        assert "://" not in script  # no CDN
    assert '"allowEval": false' in html


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(hurt, couple):
    response = client_for(hurt).get(reverse("home"))

    assert response["Cache-Control"] == "no-store"
