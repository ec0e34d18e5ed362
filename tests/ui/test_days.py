"""The `day` filter of charts and week lists writes what Django's `date` filter writes,
in the viewer's language, though it keeps what it has written."""

from datetime import UTC, date, datetime, time

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from accounts.templatetags.days import day

VALUES = [
    (date(2026, 3, 2), "j M Y"),
    (date(2026, 12, 6), "MONTH_DAY_FORMAT"),
    (time(14), "H:i"),
    (datetime(2026, 3, 2, 9, tzinfo=UTC), "j M, H:i"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_day_reads_as_the_date_filter_writes_it(language):
    with translation.override(language):
        for value, format in VALUES:
            assert day(value, format) == date_filter(value, format)


def test_the_same_day_is_written_again_in_another_language():
    with translation.override("en"):
        in_english = day(date(2026, 1, 5), "j F")
    with translation.override("es"):
        in_spanish = day(date(2026, 1, 5), "j F")
    assert (in_english, in_spanish) == ("5 January", "5 enero")
