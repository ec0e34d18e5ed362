"""The main navigation fits each kind of person, and the therapist space looks distinct."""

import re
from http import HTTPStatus

from django.test import Client
from django.urls import reverse

from ..conftest import client_for


def nav_of(html: str) -> str:
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def body_classes(html: str) -> set[str]:
    return set(re.search(r'<body class="([^"]*)"', html).group(1).split())


def test_a_partner_has_the_couple_places_and_a_more_menu(hurt, couple):
    html = client_for(hurt).get(reverse("triggers:index")).text

    nav = nav_of(html)
    for place in ("checkins:this_week", "triggers:index", "together:today", "home"):
        assert f'href="{reverse(place)}"' in nav
    more = nav[nav.index("<details") :]
    for place in ("agreements:overview", "pacing:index", "therapists:couple_settings"):
        assert f'href="{reverse(place)}"' in more
    assert f'action="{reverse("account_logout")}"' in more
    # The section being visited is marked for screen readers and sighted people.
    assert f'href="{reverse("triggers:index")}" aria-current="page"' in nav
    assert {"space-couple", "has-nav"} <= body_classes(html)
    assert "Therapist space" not in html


def test_a_therapist_is_in_a_visibly_different_space(therapist):
    response = client_for(therapist).get(reverse("therapists:dashboard"))

    assert response.status_code == HTTPStatus.OK
    html = response.text
    assert "space-therapist" in body_classes(html)
    assert "Therapist space" in html
    nav = nav_of(html)
    assert f'href="{reverse("therapists:dashboard")}" aria-current="page"' in nav
    assert reverse("checkins:this_week") not in nav


def test_someone_without_a_couple_space_sees_only_what_they_can_use(loner):
    nav = nav_of(client_for(loner).get(reverse("home")).text)

    assert reverse("together:journal") in nav
    assert reverse("checkins:this_week") not in nav


def test_visitors_who_are_not_signed_in_get_no_navigation(db):
    html = Client().get(reverse("account_login")).text

    assert '<nav class="site-nav"' not in html
    assert "has-nav" not in body_classes(html)
