"""Requests that must be refused whatever the page: forged posts and wrong methods.

The idle timeout (a login ends after SESSION_IDLE_SECONDS without activity) is proven
in tests/accounts/test_sessions_and_safety.py::test_a_session_ends_after_thirty_idle_minutes.
"""

from http import HTTPStatus

import pytest
from django.urls import resolve, reverse

from .routes import all_routes, case_url
from .test_authorization_matrix import EXPECTED
from .world import ACTORS, BROWSER_POST

# Views that take a POST without a CSRF token, each for a reason.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail clients post without a token; the signed
    # token in the URL is the proof, and it can only turn one kind of email off.
    "unsubscribe",
}

PROJECT_APPS = ("accounts.", "checkins.", "agreements.", "triggers.", "pacing.")
PROJECT_APPS += ("therapists.", "together.")


def allowed_methods(view) -> set[str] | None:
    """The methods a view declares with require_GET/require_POST/require_http_methods
    (or the therapist couple views' own `methods`), read from the decorators' closures:
    each decorator's wrapper keeps the function it wraps in `__wrapped__` or a cell."""
    seen, todo = set(), [view]
    while todo:
        function = todo.pop()
        if id(function) in seen or not hasattr(function, "__code__"):
            continue
        seen.add(id(function))
        if hasattr(function, "post_only_page"):
            return {"POST"}
        cells = zip(function.__code__.co_freevars, function.__closure__ or (), strict=True)
        for name, cell in cells:
            if name in {"request_method_list", "methods"}:
                return set(cell.cell_contents)
            if callable(cell.cell_contents):
                todo.append(cell.cell_contents)
        todo.append(getattr(function, "__wrapped__", None))
    return None


def project_views() -> list[tuple[str, set[str] | None]]:
    return [
        (route.key, allowed_methods(route.callback))
        for route in all_routes()
        if route.callback.__module__.startswith(PROJECT_APPS)
    ]


VIEWS = project_views()
# Actions that show their form errors on their page send a plain visit to that page.
REDIRECTING = {
    route.key: route.callback.post_only_page
    for route in all_routes()
    if hasattr(route.callback, "post_only_page")
}
CHANGING = [key for key, methods in VIEWS if methods == {"POST"} and key not in REDIRECTING]


@pytest.mark.parametrize(("key", "methods"), VIEWS, ids=[key for key, _ in VIEWS])
def test_every_view_says_which_methods_it_takes(key, methods):
    assert methods, f"{key}: decorate the view with require_GET/require_POST/require_http_methods"
    assert methods <= {"GET", "POST"}, key


@pytest.mark.parametrize("key", CHANGING)
def test_a_get_to_a_changing_url_is_refused(world, db, key):
    """Everyone who may post there (per the authorization matrix) gets 405 for a GET."""
    _route, url = case_url(world, key)
    posting = [
        actor
        for actor, outcome in zip(ACTORS, EXPECTED[key]["POST"].split(), strict=True)
        if outcome not in {"LOGIN", "404"}
    ]
    assert posting
    for actor in posting:
        for htmx in (False, True):
            response = world.request(actor, "GET", url, htmx=htmx, fresh=True)
            assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED, (actor, htmx)
            assert response["Allow"] == "POST"


@pytest.mark.parametrize("key", sorted(REDIRECTING))
def test_a_visit_to_an_action_with_a_form_goes_to_its_page(world, db, key):
    """The address bar holds the action's URL after its form failed validation; coming
    back to it is a GET, which lands on the page (with its own access checks)."""
    route, url = case_url(world, key)
    page = reverse(REDIRECTING[key], kwargs=resolve(url).kwargs)
    for actor in ACTORS[1:]:
        for htmx in (False, True):
            response = world.request(actor, "GET", url, htmx=htmx, fresh=True)
            assert response.status_code == HTTPStatus.FOUND, (actor, htmx)
            assert response["Location"] == page
        assert world.request(actor, "PUT", url, fresh=True).status_code == 405


def test_there_are_changing_urls_to_check():
    assert len(CHANGING) > 20


ALL_KEYS = [route.key for route in all_routes()]


@pytest.mark.parametrize("key", ALL_KEYS)
def test_a_post_without_the_csrf_token_is_refused(world, db, key):
    """Every URL, not only the changing ones: the check comes before any view runs."""
    route, url = case_url(world, key)
    for actor in ("anonymous", "author"):
        response = world.request(
            actor, "POST", url, data=BROWSER_POST, fresh=True, enforce_csrf_checks=True
        )
        if key in CSRF_EXEMPT:
            assert response.status_code != HTTPStatus.FORBIDDEN
            continue
        assert response.status_code == HTTPStatus.FORBIDDEN, (actor, response.status_code)
        assert b"CSRF" in response.content, actor


def test_only_the_listed_views_skip_the_csrf_check():
    exempt = {route.key for route in all_routes() if getattr(route.callback, "csrf_exempt", 0)}
    assert exempt == CSRF_EXEMPT
