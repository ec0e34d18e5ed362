"""How long ago something happened, in words: "just now" rather than "0 minutes ago"."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()

JUST_NOW = timedelta(minutes=1)


@register.filter
def ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    now = now or timezone.now()
    if now - moment < JUST_NOW:
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(moment, now)}
