from datetime import timedelta

from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def wait(value: timedelta | None) -> str:
    """A duration in plain words: "4 minutes", "2 hours", "3 days"."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return gettext("under a minute")
    if minutes < 120:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
