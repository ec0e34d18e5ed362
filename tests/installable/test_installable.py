"""On the phone's home screen: the manifest (following the discreet setting), the
service worker as the browser needs it, and the neutral offline page."""

import json
import re
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from accounts.quick_exit import COOKIE as LEFT_COOKIE

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def manifest_of(client) -> dict:
    response = client.get(reverse("installable:manifest"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/manifest+json")
    return json.loads(response.content)


def assert_icons_exist(icons):
    sizes = {icon["sizes"] for icon in icons}
    assert {"192x192", "512x512"} <= sizes
    for icon in icons:
        assert icon["type"] == "image/png"
        path = icon["src"].removeprefix("/static/")
        assert finders.find(path), icon["src"]


def test_the_manifest_opens_the_whole_site_standalone(hurt, couple):
    manifest = manifest_of(client_for(hurt))

    assert manifest["name"] == "Common Ground"
    assert manifest["short_name"] == "Common Ground"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["id"] == "/"
    assert_icons_exist(manifest["icons"])
    assert all("notes" not in icon["src"] for icon in manifest["icons"])
    # Whoever fetches it, the manifest is never kept by a browser or a proxy.
    assert "no-store" in client_for(hurt).get(reverse("installable:manifest"))["Cache-Control"]


def test_with_the_discreet_setting_the_app_is_called_notes_with_a_plain_icon(hurt, couple):
    hurt.discreet_title = True
    hurt.save(update_fields=["discreet_title"])

    manifest = manifest_of(client_for(hurt))

    assert manifest["name"] == manifest["short_name"] == "Notes"
    assert "description" not in manifest
    assert_icons_exist(manifest["icons"])
    assert all("/img/notes-" in icon["src"] for icon in manifest["icons"])
    assert "Common Ground" not in json.dumps(manifest)
    # Same identity, so the installed app is renamed rather than installed twice.
    assert (manifest["id"], manifest["start_url"], manifest["display"]) == ("/", "/", "standalone")


def test_after_a_quick_exit_the_manifest_is_the_discreet_one(client):
    client.cookies[LEFT_COOKIE] = "1"

    manifest = manifest_of(client)

    assert manifest["name"] == "Notes"


def test_signed_out_visitors_get_the_ordinary_manifest(client):
    assert manifest_of(client)["name"] == "Common Ground"


def test_pages_point_to_the_manifest_and_the_home_screen_icons(client, hurt, couple):
    html = client.get(reverse("account_login")).content.decode()
    assert 'rel="manifest"' in html and 'crossorigin="use-credentials"' in html
    assert "img/apple-touch-icon.png" in html
    assert 'name="apple-mobile-web-app-capable" content="yes"' in html

    hurt.discreet_title = True
    hurt.save(update_fields=["discreet_title"])
    html = client_for(hurt).get(reverse("home")).content.decode()
    assert "img/notes-apple-touch-icon.png" in html
    assert 'name="apple-mobile-web-app-title" content="Notes"' in html
    assert "img/apple-touch-icon.png" not in html


def test_the_service_worker_is_a_script_for_the_whole_site_never_kept(client, hurt):
    for visitor in (client, client_for(hurt)):
        response = visitor.get(reverse("installable:service_worker"))

        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"].startswith("text/javascript")
        assert response["Service-Worker-Allowed"] == "/"
        assert "no-store" in response["Cache-Control"]
        assert reverse("installable:service_worker") == "/sw.js"


def test_the_service_worker_keeps_only_static_files_and_the_offline_page(client):
    script = client.get(reverse("installable:service_worker")).content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", script).group(1))

    assert config["offlineUrl"] == reverse("installable:offline")
    assert config["staticPrefix"] == "/static/"
    assert all(url.startswith("/static/") for url in config["precache"])
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    # Whatever is stored is checked for no-store first.
    assert 'includes("no-store")' in script


def test_the_offline_page_is_public_neutral_and_may_be_kept(client, hurt, couple):
    for visitor in (client, client_for(hurt)):
        response = visitor.get(reverse("installable:offline"))

        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert "No connection" in html
        for giveaway in ("Common Ground", "Sam", "Alex", "csrf", "Sign", "Quick exit"):
            assert giveaway not in html
        # Stored by the service worker, but checked with the server each time.
        assert response["Cache-Control"] == "no-cache"


def test_the_quick_exit_cookie_does_not_break_the_installed_app(client):
    client.cookies[LEFT_COOKIE] = "1"

    assert client.get(reverse("account_login")).content.decode().count("not available")
    script = client.get(reverse("installable:service_worker"))
    assert script["Content-Type"].startswith("text/javascript")
    assert "No connection" in client.get(reverse("installable:offline")).content.decode()


def test_signed_in_pages_are_still_never_kept(hurt, couple):
    assert client_for(hurt).get(reverse("home"))["Cache-Control"] == "no-store"
    assert Client().get(reverse("account_login"))["Cache-Control"] == "no-store"
