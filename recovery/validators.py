"""Validators shared by every app's forms."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
FUTURE_LIMIT = timedelta(days=366)


def sensible_date(value: date | datetime) -> None:
    """A date or time a person could mean: from 1900 to a year from now. Anything
    further is a typing slip, and dates far outside it cannot be stored or shown."""
    if value.year < EARLIEST_YEAR:
        raise ValidationError(
            _("Please choose a date from %(year)s onwards.") % {"year": EARLIEST_YEAR},
            code="too_early",
        )
    now = timezone.now()
    latest = (now + FUTURE_LIMIT) if isinstance(value, datetime) else (now + FUTURE_LIMIT).date()
    if value > latest:
        raise ValidationError(
            _("Please choose a date within the next year."),
            code="too_late",
        )
