"""Security headers on every HTML response, for every kind of person; cookie flags
and HSTS with the production settings."""

import base64
import json
import os
import re
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from ..factories import PASSWORD
from .routes import case_keys, case_url
from .world import ACTORS

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
NONCE = re.compile(r"'nonce-([^']+)'")


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# The one page meant to be kept: the neutral offline page the home-screen app's service
# worker shows without a connection. It holds nothing of anyone's and runs no script.
KEPT_NEUTRAL = ("installable:offline",)


def header_problems(response, signed_in: bool) -> list[str]:
    problems = []
    match = getattr(response, "resolver_match", None)
    kept_neutral = bool(match) and match.view_name in KEPT_NEUTRAL
    if kept_neutral:
        signed_in = False  # the same page for everyone
        if SCRIPT_TAG.search(response.content.decode()):
            problems.append("the kept offline page runs a script")
        if response.get("Cache-Control") != "no-cache":
            problems.append(f"the offline page's Cache-Control is {response['Cache-Control']}")
    csp = response.get("Content-Security-Policy", "")
    policy = directives(csp) if csp else {}
    scripts = policy.get("script-src", [])
    nonces = NONCE.findall(" ".join(scripts))
    # Only our own files, and inline code carrying this response's nonce. (Django adds
    # the nonce to the header only when the page used it: a page without scripts gets
    # the stricter 'self' alone.)
    if not scripts or not all(s == "'self'" or s.startswith("'nonce-") for s in scripts):
        problems.append(f"script-src is not 'self' + nonce: {csp!r}")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append(f"unsafe CSP source: {csp!r}")
    if policy.get("frame-ancestors") != ["'none'"]:
        problems.append("frame-ancestors is not 'none'")
    if policy.get("object-src") != ["'none'"] or policy.get("base-uri") != ["'none'"]:
        problems.append("object-src/base-uri are not 'none'")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for name, value in expected.items():
        if response.get(name) != value:
            problems.append(f"{name} is {response.get(name)!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {response.get('Cache-Control')!r} when signed in")
    html = "" if response.streaming else response.content.decode("utf-8", "replace")
    if "<html" in html and not nonces and not kept_neutral:
        problems.append("a full page without a nonce in its script-src")
    for attributes in SCRIPT_TAG.findall(html):
        if not any(f'nonce="{nonce}"' in attributes for nonce in nonces) and (
            "src=" not in attributes
        ):
            problems.append(f"inline <script{attributes}> without the response's nonce")
    return problems


@pytest.mark.parametrize("actor", ACTORS)
def test_every_html_response_carries_the_security_headers(world, db, actor):
    problems, checked = [], 0
    for key in case_keys():
        route, url = case_url(world, key)
        methods = ("GET",) if route.is_admin else ("GET", "HX-GET")
        for method in methods:
            htmx = method == "HX-GET"
            response = world.request(actor, "GET", url, htmx=htmx, fresh=True)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            checked += 1
            signed_in = actor != "anonymous"
            problems += [f"{method} {url}: {p}" for p in header_problems(response, signed_in)]
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_signed_in_downloads_are_not_stored_either(world, db):
    """Private pages that are not HTML (e.g. an export) are never cached either."""
    for key in case_keys():
        route, url = case_url(world, key)
        response = world.request("author", "GET", url, fresh=True)
        if response.status_code == HTTPStatus.OK and route.name not in KEPT_NEUTRAL:
            assert "no-store" in response.get("Cache-Control", ""), url


PRODUCTION_COOKIES = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_SSL_REDIRECT": True,
}


def production_settings() -> dict:
    """The settings as production computes them (a fresh process, DJANGO_DEBUG off)."""
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "X_FRAME_OPTIONS",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment |= {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "p" * 30 + "-production-like-secret-for-tests-" + "7" * 20,
        "DJANGO_ALLOWED_HOSTS": "common-ground.example",
        "EMAIL_HOST": "smtp.common-ground.example",
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_make_cookies_secure_and_turn_on_hsts():
    production = production_settings()

    assert production["DEBUG"] is False
    for name, value in PRODUCTION_COOKIES.items():
        assert production[name] == value, name
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert production["CSRF_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"


@override_settings(**PRODUCTION_COOKIES)
def test_signing_in_over_https_sets_only_secure_http_only_same_site_cookies(world, db):
    client = Client()
    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"),
        {"login": "sam@example.test", "password": PASSWORD},
        secure=True,
    )
    assert response.status_code == HTTPStatus.FOUND
    home = client.get(reverse("home"), secure=True)

    cookies = {**client.cookies}
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= cookies.keys()
    for name, cookie in cookies.items():
        if not cookie.value:
            continue  # a deleted cookie
        assert cookie["secure"], name
        assert cookie["samesite"] in {"Lax", "Strict"}, name
    assert cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    assert cookies[settings.CSRF_COOKIE_NAME]["httponly"]
    hsts = home["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert not header_problems(home, signed_in=True)


@override_settings(**PRODUCTION_COOKIES)
def test_plain_http_is_sent_to_https(db):
    response = Client().get(reverse("support"))

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].startswith("https://")
