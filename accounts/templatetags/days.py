"""A day (or an hour of the clock) in words, for charts and long lists of weeks.

The same as Django's `date` filter, kept per value, format and language: the same weeks
and hours come back on every view of a page, and formatting one costs more than the
rest of its table row. Only `date` and `time` values (no time zone to apply) are kept;
anything else goes through the `date` filter as it is.
"""

from datetime import date, time
from functools import lru_cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter
def day(value, format: str) -> str:
    if type(value) not in (date, time) or getattr(value, "tzinfo", None):
        return date_filter(value, format)
    return _day(value, format, get_language())


@lru_cache(maxsize=4096)
def _day(value: date | time, format: str, language: str) -> str:
    # `language` is the cache's key only: the formats read the active one.
    if type(value) is time:
        return formats.time_format(value, format)
    return formats.date_format(value, format)
