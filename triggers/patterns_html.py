"""The pattern page's four chart cards as HTML built in Python.

Each card is a chart with the same figures as a table below it: about a hundred
bars and rows in all, which through the template engine cost more than the rest of
the page. The fixed words are translated and escaped once per language; every label
is escaped where it comes in (they are all ours: categories, dates, hours, days).
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape
from types import SimpleNamespace

from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import charts
from .models import INTENSITY_MAX
from .patterns import Patterns

ONE_DECIMAL = Decimal("0.1")


def cards(summary: Patterns) -> SafeString:
    words = _words(get_language())
    short, long = _period_formats(summary, words)
    by_category = [(str(label), n) for label, n in summary.by_category]
    intensity = words.by_month if summary.by_month else words.by_week
    return mark_safe(
        _card(
            "category",
            words.category,
            charts.row_chart(by_category),
            [(escape(label), n) for label, n in by_category],
        )
        + _card(
            "intensity",
            intensity,
            charts.bar_chart(
                [(short(day), average) for day, average, _n in summary.intensity],
                max_value=INTENSITY_MAX,
            ),
            [(long(day), _one_decimal(average), n) for day, average, n in summary.intensity],
        )
        + _card(
            "hour",
            words.hour,
            charts.bar_chart([(f"{hour:02d}", n) for hour, n in summary.by_hour]),
            [(f"{hour:02d}:00", n) for hour, n in summary.by_hour],
        )
        + _card(
            "weekday",
            words.weekday,
            charts.bar_chart([(words.day_abbrs[day], n) for day, n in summary.by_weekday]),
            [(words.day_names[day], n) for day, n in summary.by_weekday],
        )
    )


def _card(key: str, words: SimpleNamespace, chart, rows: list[tuple]) -> str:
    """A chart and its table; `rows` start with their (escaped) header cell."""
    if isinstance(chart, charts.RowChart):
        elements = charts.row_svg_elements(chart)
    else:
        elements = charts.bar_svg_elements(chart)
    body = "".join(
        f'<tr><th scope="row">{head}</th>'
        + "".join([f"<td>{cell}</td>" for cell in cells])  # numbers only
        + "</tr>"
        for head, *cells in rows
    )
    return (
        f'<section class="card" aria-labelledby="{key}-heading">'
        f'<h2 id="{key}-heading">{words.heading}</h2>'
        f'<svg class="chart" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-label="{words.label}" focusable="false">{elements}</svg>'
        f"<details><summary>{words.show_table}</summary><table>"
        f'<caption class="visually-hidden">{words.caption}</caption>'
        f"<thead><tr>{words.columns}</tr></thead><tbody>{body}</tbody></table></details>"
        "</section>"
    )


@lru_cache(maxsize=8)
def _words(language: str) -> SimpleNamespace:
    """The fixed words of the cards in `language` (the active one), escaped."""
    show_table = escape(_("Show as a table"))
    entries = _("Entries")

    def card(heading, label, caption, *columns):
        return SimpleNamespace(
            heading=escape(heading),
            label=escape(label),
            caption=escape(caption),
            columns="".join(f'<th scope="col">{escape(column)}</th>' for column in columns),
            show_table=show_table,
        )

    intensity_label = _(
        "Bar chart of the average intensity, from 0 to 10, over time. "
        "The same figures are in the table below it."
    )
    intensity_caption = _("Average intensity over time")
    return SimpleNamespace(
        category=card(
            _("What set it off"),
            _("Bar chart of entries by category. The same figures are in the table below it."),
            _("Entries by category"),
            _("Category"),
            entries,
        ),
        by_month=card(
            _("Intensity over time (monthly average)"),
            intensity_label,
            intensity_caption,
            _("Month"),
            _("Average intensity"),
            entries,
        ),
        by_week=card(
            _("Intensity over time (weekly average)"),
            intensity_label,
            intensity_caption,
            _("Week of"),
            _("Average intensity"),
            entries,
        ),
        hour=card(
            _("Time of day"),
            _(
                "Bar chart of entries by hour of the day, from midnight to 11 pm. "
                "The same figures are in the table below it."
            ),
            _("Entries by hour of the day"),
            _("Hour"),
            entries,
        ),
        weekday=card(
            _("Day of the week"),
            _(
                "Bar chart of entries by day of the week, Monday to Sunday. "
                "The same figures are in the table below it."
            ),
            _("Entries by day of the week"),
            _("Day"),
            entries,
        ),
        # ISO weekdays (1 is Monday) and months (1 is January), as `date_format` names them.
        day_abbrs={day + 1: str(WEEKDAYS_ABBR[day]) for day in range(7)},
        day_names={day + 1: escape(str(WEEKDAYS[day])) for day in range(7)},
        month_abbrs={month: str(MONTHS_3[month]).title() for month in range(1, 13)},
        month_names={month: str(MONTHS[month]) for month in range(1, 13)},
    )


def _period_formats(summary: Patterns, words: SimpleNamespace):
    """How a period is written on the chart and in the table: as `date_format` would
    with "M Y" and "F Y" (by month) or "j M" and "j M Y" (by week)."""
    abbrs, names = words.month_abbrs, words.month_names
    if summary.by_month:
        return (
            lambda day: f"{abbrs[day.month]} {day.year:04d}",
            lambda day: escape(f"{names[day.month]} {day.year:04d}"),
        )
    return (
        lambda day: f"{day.day} {abbrs[day.month]}",
        lambda day: escape(f"{day.day} {abbrs[day.month]} {day.year:04d}"),
    )


def _one_decimal(value: float) -> str:
    # As `floatformat:1` rounds: half up, from the shortest decimal form of the float.
    return str(Decimal(repr(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))
