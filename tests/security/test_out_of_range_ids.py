"""Every URL pattern that takes a number, asked for a number no database row can
have: a 404 for everyone, never a 500 (a 20-digit id would overflow the database)."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from .routes import COMMON, KWARGS, all_routes
from .world import SIGNED_IN

NUMBER = re.compile(r"<(?:int|id):(\w+)>")
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
TOO_BIG = (str(2**63), str(10**20))


def numbered_routes():
    return [route for route in all_routes() if NUMBER.search(route.route)]


def oversized_url(world, route, number: str) -> str:
    """The route with every number replaced, and its other arguments real."""
    maker = KWARGS.get(route.name)
    real = maker(world) if maker else {name: make(world) for name, make in COMMON.items()}

    def fill(match):
        converter, name = match.groups()
        return number if converter in ("int", "id") else str(real[name])

    return "/" + PARAMETER.sub(fill, route.route)


def test_ids_in_our_addresses_use_the_id_converter():
    plain_int = [route.key for route in numbered_routes() if "<int:" in route.route]
    assert plain_int == [], "use <id:...> (recovery/converters.py) for ids in URLs"


def test_the_walk_finds_the_numbered_pages():
    names = {route.name for route in numbered_routes()}
    assert {"therapists:couple_detail", "triggers:detail", "together:mark_step"} <= names


@pytest.mark.parametrize("number", TOO_BIG)
@pytest.mark.parametrize("route", numbered_routes(), ids=lambda route: route.key)
def test_an_id_out_of_range_is_not_found(world, db, route, number):
    url = oversized_url(world, route, number)

    for actor in SIGNED_IN:
        for method in ("GET", "POST"):
            for htmx in (False, True):
                response = world.request(actor, method, url, htmx=htmx)
                assert response.status_code == HTTPStatus.NOT_FOUND, (actor, method, url)


@pytest.mark.parametrize("number", TOO_BIG)
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("agreements:compare", "older={n}&newer={n}"),
        ("agreements:propose", "from={n}"),
        ("agreements:propose", "replaces={n}"),
        ("agreements:history", "page={n}&reviews={n}"),
        ("checkins:history", "page={n}"),
        ("triggers:index", "page={n}&shared_page={n}"),
        ("together:questions", "page={n}"),
    ],
)
def test_a_number_out_of_range_in_a_query_never_fails(world, db, name, query, number):
    url = reverse(name) + "?" + query.format(n=number)

    response = world.request("author", "GET", url)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, url
