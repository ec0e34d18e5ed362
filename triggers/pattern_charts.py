"""The pattern page's four charts as data: what each bar stands for and the same
figures as a table. `templates/charts/_bar_chart.html` draws them."""

from dataclasses import dataclass

from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from recovery import charts

from .models import INTENSITY_MAX
from .patterns import Patterns


@dataclass(frozen=True)
class Card:
    key: str  # for the heading's id
    heading: str
    label: str  # the chart's text alternative
    chart: charts.BarChart
    table: charts.Table


def cards(summary: Patterns) -> list[Card]:
    entries = _("Entries")
    intensity = [(day, charts.one_decimal(average), n) for day, average, n in summary.intensity]
    if summary.by_month:
        heading = _("Intensity over time (monthly average)")
        period, short, long = _("Month"), "M Y", "F Y"
    else:
        heading = _("Intensity over time (weekly average)")
        period, short, long = _("Week of"), "j M", "j M Y"
    # ISO weekdays: 1 is Monday.
    weekdays = [(WEEKDAYS_ABBR[day - 1], WEEKDAYS[day - 1], n) for day, n in summary.by_weekday]
    return [
        Card(
            "category",
            _("What set it off"),
            _("Bar chart of entries by category. The same figures are in the table below it."),
            charts.row_chart(summary.by_category),
            charts.Table(
                _("Entries by category"),
                [_("Category"), entries],
                [(label, n, None) for label, n in summary.by_category],
            ),
        ),
        Card(
            "intensity",
            heading,
            _(
                "Bar chart of the average intensity, from 0 to 10, over time. "
                "The same figures are in the table below it."
            ),
            charts.bar_chart(
                [(day, average) for day, average, _n in summary.intensity],
                max_value=INTENSITY_MAX,
                label_format=short,
            ),
            charts.Table(
                _("Average intensity over time"),
                [period, _("Average intensity"), entries],
                intensity,
                head_format=long,
            ),
        ),
        Card(
            "hour",
            _("Time of day"),
            _(
                "Bar chart of entries by hour of the day, from midnight to 11 pm. "
                "The same figures are in the table below it."
            ),
            charts.bar_chart(
                [(charts.HOURS[hour], n) for hour, n in summary.by_hour], label_format="H"
            ),
            charts.Table(
                _("Entries by hour of the day"),
                [_("Hour"), entries],
                [(charts.HOURS[hour], n, None) for hour, n in summary.by_hour],
                head_format="H:i",
            ),
        ),
        Card(
            "weekday",
            _("Day of the week"),
            _(
                "Bar chart of entries by day of the week, Monday to Sunday. "
                "The same figures are in the table below it."
            ),
            charts.bar_chart([(abbr, n) for abbr, _name, n in weekdays]),
            charts.Table(
                _("Entries by day of the week"),
                [_("Day"), entries],
                [(name, n, None) for _abbr, name, n in weekdays],
            ),
        ),
    ]
