"""The site navigation: which places a person has, in a small list of items that
`templates/_nav.html` draws (a bottom bar with a "More" menu on phones, a top bar on
desks)."""

import functools
from dataclasses import dataclass

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool  # the section being visited: aria-current="page"
    icon: str = ""  # the name of an icon in templates/_nav.html
    css: str = ""  # "nav-wide": on the bar on desks only; "nav-narrow": in "More" on phones only


@functools.cache
def _url(url_name: str, script_prefix: str) -> str:
    """The navigation's addresses never change while the process runs."""
    return reverse(url_name)


def _item(url_name, label, current, icon="", css="") -> NavItem:
    return NavItem(label, _url(url_name, get_script_prefix()), current, icon, css)


def _bar_items(user, member, ns, page) -> list[NavItem]:
    if user.is_therapist:
        return [
            _item("therapists:dashboard", _("Couples"), ns == "therapists", "couples"),
            _item("profile", _("Settings"), page == "profile", "settings"),
        ]
    if member:
        return [
            _item("home", _("Today"), not ns and page == "home", "today"),
            _item("checkins:this_week", _("Check-in"), ns == "checkins", "checkin"),
            _item("triggers:index", _("Triggers"), ns == "triggers", "triggers"),
            _item("together:today", _("Together"), ns == "together", "together"),
            _item("agreements:overview", _("Agreement"), ns == "agreements", css="nav-wide"),
            _item("pacing:index", _("Exercises"), ns == "pacing", css="nav-wide"),
        ]
    return [
        _item("home", _("Start"), not ns and page == "home", "today"),
        _item("together:journal", _("Journal"), ns == "together", "journal"),
        _item("profile", _("Settings"), page == "profile", "settings"),
    ]


def _menu_items(user, member, ns, page) -> list[NavItem]:
    items = []
    if member and not user.is_therapist:
        items = [
            _item("agreements:overview", _("Agreement"), ns == "agreements", css="nav-narrow"),
            _item("pacing:index", _("Exercises"), ns == "pacing", css="nav-narrow"),
            _item("transparency:heads_ups", _("Heads-ups and plans"), ns == "transparency"),
            _item("therapists:couple_settings", _("Therapist"), ns == "therapists"),
            _item("together:journal", _("My journal"), page == "journal"),
            _item("profile", _("Settings"), page == "profile"),
        ]
    return [*items, _item("support", _("Support and crisis resources"), False)]


@register.inclusion_tag("_nav.html", takes_context=True)
def site_nav(context):
    request = context["request"]
    user = context["user"]
    # Therapists are never members of a couple: spare them the lookup.
    member = not user.is_therapist and bool(context.get("nav_membership"))
    match = request.resolver_match
    ns, page = (match.namespace, match.url_name) if match else ("", None)
    return {
        "bar": _bar_items(user, member, ns, page),
        "menu": _menu_items(user, member, ns, page),
        "more_is_current": member
        and (ns in ("agreements", "pacing", "therapists", "transparency") or page == "profile"),
        # What's new, with its unread count (notices/_count.html), after this many links.
        "news_at": None if user.is_therapist else (4 if member else 1),
        "news_current": ns == "notices",
        "notice_count": context.get("notice_count"),
        "logout_url": _url("account_logout", get_script_prefix()),
        "csrf_token": context.get("csrf_token", ""),
    }
