"""The site navigation, built in Python.

It is on every signed-in page; written as a template (a dozen `{% url %}` tags, an
icon include per link) it cost more to render than most pages' own content.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_ICON_PATHS = {
    "today": '<path d="M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z"/>',
    "checkin": '<rect x="3" y="5" width="18" height="16" rx="2"/>'
    '<path d="M3 10h18M8 3v4M16 3v4M9 15.5l2 2 4-4"/>',
    "triggers": '<path d="M3 12h4l3-7 4 14 3-7h4"/>',
    "together": '<circle cx="9" cy="8" r="3"/><circle cx="16.5" cy="9" r="2.5"/>'
    '<path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M14.5 14.4A5 5 0 0 1 21 19"/>',
    "journal": '<path d="M5 5a2 2 0 0 1 2-2h12v15H7a2 2 0 0 0-2 2zM5 20a1 1 0 0 0 1 1h13v-3"/>',
    "settings": '<path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1"/>'
    '<circle cx="15" cy="6" r="2"/><circle cx="9" cy="12" r="2"/><circle cx="17" cy="18" r="2"/>',
    "couples": '<circle cx="8" cy="8" r="3"/><circle cx="16" cy="8" r="3"/>'
    '<path d="M2 20c0-3.3 2.7-6 6-6 1.5 0 2.9.6 4 1.5A6 6 0 0 1 22 20"/>',
    "more": '<path d="M4 7h16M4 12h16M4 17h16"/>',
}
ICONS = {
    name: mark_safe(  # noqa: S308 - constant markup written above
        '<svg class="nav-icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" '
        f'focusable="false">{paths}</svg>'
    )
    for name, paths in _ICON_PATHS.items()
}


@functools.cache
def _url(url_name: str, script_prefix: str) -> str:
    """The navigation's addresses never change while the process runs."""
    return reverse(url_name)


def _link(url_name, label, current, icon=None, css=""):
    return format_html(
        '<li{}><a href="{}"{}>{}{}</a></li>',
        format_html(' class="{}"', css) if css else "",
        _url(url_name, get_script_prefix()),
        mark_safe(' aria-current="page"') if current else "",
        ICONS[icon] if icon else "",
        format_html("<span>{}</span>", label) if icon or css == "nav-wide" else label,
    )


def _bar_links(user, member, ns, page):
    if user.is_therapist:
        return [
            _link("therapists:dashboard", _("Couples"), ns == "therapists", "couples"),
            _link("profile", _("Settings"), page == "profile", "settings"),
        ]
    if member:
        return [
            _link("home", _("Today"), not ns and page == "home", "today"),
            _link("checkins:this_week", _("Check-in"), ns == "checkins", "checkin"),
            _link("triggers:index", _("Triggers"), ns == "triggers", "triggers"),
            _link("together:today", _("Together"), ns == "together", "together"),
            _link("agreements:overview", _("Agreement"), ns == "agreements", css="nav-wide"),
            _link("pacing:index", _("Exercises"), ns == "pacing", css="nav-wide"),
        ]
    return [
        _link("home", _("Start"), not ns and page == "home", "today"),
        _link("together:journal", _("Journal"), ns == "together", "journal"),
        _link("profile", _("Settings"), page == "profile", "settings"),
    ]


def _menu_links(user, member, ns, page):
    links = []
    if member and not user.is_therapist:
        links = [
            _link("agreements:overview", _("Agreement"), ns == "agreements", css="nav-narrow"),
            _link("pacing:index", _("Exercises"), ns == "pacing", css="nav-narrow"),
            _link("therapists:couple_settings", _("Therapist"), ns == "therapists"),
            _link("together:journal", _("My journal"), page == "journal"),
            _link("profile", _("Settings"), page == "profile"),
        ]
    return [*links, _link("support", _("Support and crisis resources"), False)]


@register.simple_tag(takes_context=True)
def site_nav(context):
    request = context["request"]
    user = context["user"]
    # Therapists are never members of a couple: spare them the lookup.
    member = not user.is_therapist and bool(context.get("nav_membership"))
    match = request.resolver_match
    ns, page = (match.namespace, match.url_name) if match else ("", None)
    more_is_current = member and (ns in ("agreements", "pacing", "therapists") or page == "profile")
    bar = _bar_links(user, member, ns, page)
    if not user.is_therapist:  # what's new, with its unread count (notices/_count.html)
        news = {"notice_count": context.get("notice_count"), "current": ns == "notices"}
        count = render_to_string("notices/_count.html", news)
        bar.insert(4 if member else 1, format_html("<li>{}</li>", count))
    return format_html(
        '<nav class="site-nav" aria-label="{}"><ul class="nav-bar">{}'
        '<li><details class="nav-more{}"><summary>{}<span>{}</span></summary>'
        '<ul class="nav-menu">{}<li class="nav-separated">'
        '<form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="link-button">{}</button></form></li>'
        "</ul></details></li></ul></nav>",
        _("Main"),
        format_html_join("", "{}", ((link,) for link in bar)),
        " is-current" if more_is_current else "",
        ICONS["more"],
        _("More"),
        format_html_join("", "{}", ((link,) for link in _menu_links(user, member, ns, page))),
        _url("account_logout", get_script_prefix()),
        context.get("csrf_token", ""),
        _("Log out"),
    )
