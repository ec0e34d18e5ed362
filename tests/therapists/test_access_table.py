"""Who may see a couple as a therapist: a table over every situation, then every
therapist couple URL and method over the situations that must be refused."""

from http import HTTPStatus

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from accounts.access import therapist_required
from pacing.models import PacingPolicy
from therapists.access import therapist_couple_or_404
from therapists.models import AuditEntry, Consent, ExerciseSuggestion

from ..conftest import client_for, reauthenticated_client
from ..factories import make_user
from .builders import link, make_profile, membership_of


@pytest.fixture
def dr_park(db):
    other = make_user("dr.park@example.test", "Dr. Park")
    make_profile(other)
    return other


def both(p):
    link(p["couple"], p["dr_lee"], p["hurt"], p["involved"])


def hurt_only(p):
    link(p["couple"], p["dr_lee"], p["hurt"])


def involved_only(p):
    link(p["couple"], p["dr_lee"], p["involved"])


def none(p):
    link(p["couple"], p["dr_lee"])


def revoked(p):
    Consent.withdraw(link(p["couple"], p["dr_lee"], p["hurt"], p["involved"]), p["involved"])


def revoked_then_given_again(p):
    therapist_link = link(p["couple"], p["dr_lee"], p["hurt"], p["involved"])
    Consent.withdraw(therapist_link, p["hurt"])
    Consent.give(therapist_link, membership_of(p["hurt"]))


def link_ended(p):
    link(p["couple"], p["dr_lee"], p["hurt"], p["involved"]).end(p["hurt"])


def couple_ended(p):
    link(p["couple"], p["dr_lee"], p["hurt"], p["involved"])
    p["couple"].end()


def other_therapists_couple(p):
    link(p["couple"], p["dr_park"], p["hurt"], p["involved"])


def no_longer_a_therapist(p):
    link(p["couple"], p["dr_lee"], p["hurt"], p["involved"])
    p["dr_lee"].is_therapist = False
    p["dr_lee"].save(update_fields=["is_therapist"])


SITUATIONS = {
    "both consents": (both, "dr_lee", True),
    "consent given again after withdrawing": (revoked_then_given_again, "dr_lee", True),
    "hurt partner only": (hurt_only, "dr_lee", False),
    "involved partner only": (involved_only, "dr_lee", False),
    "no consent": (none, "dr_lee", False),
    "one partner withdrew": (revoked, "dr_lee", False),
    "link ended": (link_ended, "dr_lee", False),
    "couple space ended": (couple_ended, "dr_lee", False),
    "another therapist's couple": (other_therapists_couple, "dr_lee", False),
    "therapist flag removed": (no_longer_a_therapist, "dr_lee", False),
    "a partner of the couple": (both, "hurt", False),
    "someone from another couple": (both, "outsider", False),
    "a person with no couple": (both, "loner", False),
}


class People(dict):
    """Persona fixtures, created only when a situation asks for them."""

    def __init__(self, request):
        super().__init__()
        self.request = request

    def __missing__(self, name):
        self[name] = self.request.getfixturevalue(name)
        return self[name]


@pytest.fixture
def people(request, couple):
    return People(request)


@pytest.mark.parametrize("situation", SITUATIONS)
def test_therapist_couple_or_404_table(people, situation):
    arrange, who, allowed = SITUATIONS[situation]
    arrange(people)
    user = people[who]
    user.refresh_from_db()

    if allowed:
        assert therapist_couple_or_404(user, people["couple"].pk) == people["couple"]
    else:
        with pytest.raises(Http404):
            therapist_couple_or_404(user, people["couple"].pk)


@pytest.mark.parametrize(("who", "allowed"), [("dr_lee", True), ("hurt", False), ("loner", False)])
def test_therapist_required_lets_only_therapists_in(people, who, allowed):
    request = RequestFactory().get("/")
    request.user = people[who]
    view = therapist_required(lambda request: "seen")

    if allowed:
        assert view(request) == "seen"
    else:
        with pytest.raises(Http404):
            view(request)


def therapist_couple_routes() -> set[str]:
    """Every URL name in the therapists app that points at one couple."""
    (app,) = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "therapists"
    ]
    return {entry.name for entry in app.url_patterns if "<id:couple_id>" in str(entry.pattern)}


COUPLE_ROUTES = ["couple_detail", "add_note", "set_ceiling", "suggest_exercise", "set_label"]
METHODS = ["get", "post", "put", "patch", "delete", "head", "options"]
REFUSED = [
    name for name, (_, who, allowed) in SITUATIONS.items() if who == "dr_lee" and not allowed
]


def test_the_route_list_covers_every_couple_url():
    assert set(COUPLE_ROUTES) == therapist_couple_routes()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("route", COUPLE_ROUTES)
@pytest.mark.parametrize("situation", REFUSED)
def test_refused_therapist_gets_404_on_every_couple_url_and_method(
    people, situation, route, method
):
    arrange, _, _ = SITUATIONS[situation]
    arrange(people)
    client = client_for(people["dr_lee"])
    url = reverse(f"therapists:{route}", args=[people["couple"].pk])

    data = {"text": "x", "visibility": "couple", "ceiling": "0", "exercise": "1", "note": "x"}
    response = getattr(client, method)(url, data)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not AuditEntry.objects.exists()
    assert not PacingPolicy.objects.exists()
    assert not ExerciseSuggestion.objects.exists()


@pytest.mark.parametrize("route", COUPLE_ROUTES)
def test_a_couple_that_does_not_exist_is_the_same_404(people, route):
    both(people)
    url = reverse(f"therapists:{route}", args=[people["couple"].pk + 1000])

    assert client_for(people["dr_lee"]).get(url).status_code == HTTPStatus.NOT_FOUND


def test_access_ends_on_the_very_next_request_after_withdrawal(people):
    therapist_link = link(people["couple"], people["dr_lee"], people["hurt"], people["involved"])
    client = client_for(people["dr_lee"])
    url = reverse("therapists:couple_detail", args=[people["couple"].pk])
    assert client.get(url).status_code == HTTPStatus.OK

    reauthenticated_client(people["involved"]).post(reverse("therapists:withdraw_consent"))

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert not Consent.objects.active().filter(link=therapist_link, partner=people["involved"])


PARTNER_PAGES = [
    ("couple_settings", "get"),
    ("consent", "get"),
    ("consent", "post"),
    ("withdraw_consent", "post"),
    ("end_link", "post"),
    ("invite_by_code", "post"),
    ("invite_by_email", "post"),
    ("csi", "get"),
    ("csi", "post"),
]


@pytest.mark.parametrize(("url_name", "method"), PARTNER_PAGES)
def test_therapists_get_404_on_the_partner_pages(people, url_name, method):
    both(people)
    client = client_for(people["dr_lee"])

    response = getattr(client, method)(reverse(f"therapists:{url_name}"))

    assert response.status_code == HTTPStatus.NOT_FOUND
