"""Gentle wording hints in a page (accounts/hints.py): `{% gentle_hint_assets %}` in the
page's head, `{% gentle_field field %}` for each textarea to watch. Both give nothing
when the person has turned the hints off in Settings."""

import json

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recovery import gentle

from ..hints import SHOWN_WHILE_WRITING, wants_hints

register = template.Library()


@register.inclusion_tag("_gentle_hint_assets.html", takes_context=True)
def gentle_hint_assets(context):
    if not wants_hints(context["user"]):
        return {"hints": None}
    hints = {
        "patterns": gentle.for_browser(get_language()),
        "lead": _("A gentle thought:"),
        "settings_url": reverse("profile"),
        "settings_label": _("You can turn these hints off in Settings."),
        "field": SHOWN_WHILE_WRITING,
    }
    return {"hints": json.dumps(hints, ensure_ascii=False)}


@register.simple_tag(takes_context=True)
def gentle_field(context, field):
    """The field's widget, marked for static/js/gentle.js when the person wants hints."""
    if not wants_hints(context["user"]):
        return field.as_widget()
    return field.as_widget(attrs={"data-gentle-hint": ""})
