"""The site navigation: which places a person has, in a small list of items that
`templates/_nav.html` draws (a bottom bar with a "More" menu on phones, a top bar on
desks)."""

import functools
from dataclasses import dataclass

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


# The bar's icons, as the path data of one 24 x 24 stroke drawing each (circles and
# rounded corners as arcs): `templates/_nav.html` draws them all with the same <svg>.
ICONS = {
    "today": "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
    "checkin": "M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z"
    "M3 10h18M8 3v4M16 3v4M9 15.5l2 2 4-4",
    "triggers": "M3 12h4l3-7 4 14 3-7h4",
    "together": "M6 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0zM14 9a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0z"
    "M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M14.5 14.4A5 5 0 0 1 21 19",
    "journal": "M5 5a2 2 0 0 1 2-2h12v15H7a2 2 0 0 0-2 2zM5 20a1 1 0 0 0 1 1h13v-3",
    "settings": "M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M13 6a2 2 0 1 0 4 0a2 2 0 1 0-4 0z"
    "M7 12a2 2 0 1 0 4 0a2 2 0 1 0-4 0zM15 18a2 2 0 1 0 4 0a2 2 0 1 0-4 0z",
    "couples": "M5 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0zM13 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0z"
    "M2 20c0-3.3 2.7-6 6-6 1.5 0 2.9.6 4 1.5A6 6 0 0 1 22 20",
    "more": "M4 7h16M4 12h16M4 17h16",
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool  # the section being visited: aria-current="page"
    icon: str = ""  # the path data of its icon (ICONS), drawn by templates/_nav.html
    css: str = ""  # "nav-wide": on the bar on desks only; "nav-narrow": in "More" on phones only


@functools.cache
def _url(url_name: str, script_prefix: str) -> str:
    """The navigation's addresses never change while the process runs."""
    return reverse(url_name)


def _item(url_name, label, current, icon="", css="") -> NavItem:
    return NavItem(label, _url(url_name, get_script_prefix()), current, ICONS.get(icon, ""), css)


def _bar_items(therapist, member, ns, page) -> list[NavItem]:
    if therapist:
        return [
            _item("therapists:dashboard", _("Couples"), ns == "therapists", "couples"),
            _item("profile", _("Settings"), page == "profile", "settings"),
        ]
    if member:
        return [
            _item("home", _("Today"), not ns and page == "home", "today"),
            _item("checkins:this_week", _("Check-in"), ns == "checkins", "checkin"),
            _item("triggers:index", _("Triggers"), ns == "triggers", "triggers"),
            _item("together:today", _("Together"), ns in ("together", "rituals"), "together"),
            _item("agreements:overview", _("Agreement"), ns == "agreements", css="nav-wide"),
            _item("pacing:index", _("Exercises"), ns == "pacing", css="nav-wide"),
        ]
    return [
        _item("home", _("Start"), not ns and page == "home", "today"),
        _item("together:journal", _("Journal"), ns == "together", "journal"),
        _item("profile", _("Settings"), page == "profile", "settings"),
    ]


def _menu_items(therapist, member, ns, page, hurt=False) -> list[NavItem]:
    items = []
    if member and not therapist:
        # The forgiveness space is the hurt partner's alone: no item for anyone else.
        private = [_item("forgiveness:space", _("Forgiveness, for you"), ns == "forgiveness")]
        items = [
            _item("agreements:overview", _("Agreement"), ns == "agreements", css="nav-narrow"),
            _item("pacing:index", _("Exercises"), ns == "pacing", css="nav-narrow"),
            _item("transparency:heads_ups", _("Heads-ups and plans"), ns == "transparency"),
            _item("acknowledgement:index", _("The letter"), ns == "acknowledgement"),
            _item("therapists:couple_settings", _("Therapist"), ns == "therapists"),
            _item("together:journal", _("My journal"), page == "journal"),
            *(private if hurt else []),
            _item("profile", _("Settings"), page == "profile"),
        ]
    return [*items, _item("support", _("Support and crisis resources"), False)]


@functools.lru_cache(maxsize=1024)
def _items(therapist, member, ns, page, language, script_prefix, hurt=False):
    """The bar and the menu: the same few lists for every visit to a section by the
    same kind of person in the same language, so each is built once."""
    return (
        tuple(_bar_items(therapist, member, ns, page)),
        tuple(_menu_items(therapist, member, ns, page, hurt)),
    )


@register.inclusion_tag("_nav.html", takes_context=True)
def site_nav(context):
    request = context["request"]
    user = context["user"]
    # Therapists are never members of a couple: spare them the lookup.
    member = not user.is_therapist and bool(context.get("nav_membership"))
    match = request.resolver_match
    ns, page = (match.namespace, match.url_name) if match else ("", None)
    hurt = member and context["nav_membership"].is_hurt
    key = (user.is_therapist, member, ns, page, get_language(), get_script_prefix(), hurt)
    bar, menu = _items(*key)
    # What's new, with its unread count (notices/_count.html), after this many links.
    # A therapist's news (a couple linked, a flag, an agenda item) comes after Couples.
    news_at = 4 if member else 1
    return {
        "nav_key": "-".join(map(str, key)),
        "bar_head": bar[:news_at],
        "bar_tail": bar[news_at:],
        "menu": menu,
        "more_is_current": member
        and (
            ns
            in (
                "agreements",
                "pacing",
                "therapists",
                "transparency",
                "forgiveness",
                "acknowledgement",
            )
            or page == "profile"
        ),
        "news_current": ns == "notices",
        "notice_count": context.get("notice_count"),
        "more_icon": ICONS["more"],
        "logout_url": _url("account_logout", get_script_prefix()),
        "csrf_token": context.get("csrf_token", ""),
    }
