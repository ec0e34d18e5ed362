"""The couple's check-in history as one member may see it.

A fixed handful of queries whatever the length of the history: the counts and the
streak come from SQL, the week list is paged, and every answer is read through
`Answer.objects.visible_to`, so sealed weeks show nothing of the partner's.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.core.paginator import Page
from django.template.defaultfilters import floatformat
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership
from recovery.links import url_maker
from recovery.paging import page_of

from . import charts, weeks
from .models import RATING_FIELDS, RATINGS, Answer, CheckIn, WeekState, week_state

SPANS = {"12": 12, "26": 26, "all": None}
DEFAULT_SPAN = "12"
WINS_SHOWN = 6
WEEKS_PER_PAGE = 12


@dataclass(frozen=True)
class Week:
    week_start: date
    state: WeekState
    has_checkin: bool
    url: str

    @property
    def can_open(self) -> bool:
        return self.has_checkin or self.state == WeekState.OPEN


@dataclass(frozen=True)
class Person:
    key: str  # "self" or "partner", used for the line style
    name: str
    user_id: int


@dataclass(frozen=True)
class Trend:
    field: str
    label: str
    question: str
    chart: charts.LineChart
    svg: str  # the chart's inner markup, already escaped
    rows: list[tuple[date, list[int | None]]]
    averages: list[tuple[Person, float | None]]
    description: str


@dataclass(frozen=True)
class Win:
    week_start: date
    text: str
    author: Person


@dataclass(frozen=True)
class History:
    weeks: list[Week]  # this page of the week list, newest first
    page: Page  # of week offsets back from this week (0 is this week)
    total_weeks: int
    streak: int
    kept: int
    people: list[Person]
    trends: list[Trend]
    wins: list[Win]
    span: str

    def link(self, *, page: int | None = None, span: str | None = None) -> str:
        """A query string that keeps the other choice (span or page) as it is."""
        page = self.page.number if page is None else page
        span = self.span if span is None else span
        params = {"span": span} if span != DEFAULT_SPAN else {}
        if page > 1:
            params["page"] = page
        return "?" + urlencode(params)

    @property
    def newer_link(self) -> str:
        return self.link(page=self.page.number - 1)

    @property
    def older_link(self) -> str:
        return self.link(page=self.page.number + 1)

    @property
    def span_links(self) -> list[tuple[str, int | None, str]]:
        return [(key, count, self.link(span=key)) for key, count in SPANS.items()]

    @property
    def week_items(self) -> SafeString:
        """The week list's items. Built here rather than in the template: a loop with
        its tests, translations and dates cost more than the rest of the page."""
        week_of, full = _("Week of %(day)s"), _day_formats()[1]
        states = {state: (escape(state), escape(state.label)) for state in WeekState}
        items = []
        for week in self.weeks:
            label = escape(week_of % {"day": full(week.week_start)})
            if week.can_open:
                label = f'<a href="{escape(week.url)}">{label}</a>'
            else:
                label = f"<span>{label}</span>"
            value, name = states[week.state]
            items.append(
                f'<li class="week">{label} <span class="badge badge-{value}">{name}</span></li>'
            )
        return mark_safe("".join(items))  # every part escaped above

    @property
    def trends_html(self) -> SafeString:
        full = _day_formats()[1]
        return mark_safe("".join(figure(trend, self.people, full) for trend in self.trends))


def people_of(membership: Membership, partner: Membership | None) -> list[Person]:
    people = [Person("self", _("You"), membership.user_id)]
    if partner:
        people.append(Person("partner", str(partner.user), partner.user_id))
    return people


def listed_weeks(couple, days: list[date], now: datetime) -> list[Week]:
    """The given weeks (newest first) with their state: one query for their check-ins."""
    if not days:
        return []
    zone = couple.zone
    revealed = dict(
        CheckIn.objects.filter(couple=couple, week_start__range=(days[-1], days[0]))
        .order_by()
        .values_list("week_start", "revealed_at")
    )
    url = url_maker("checkins:week", "2000-01-03")  # str(a date) is its ISO form
    return [
        Week(
            day,
            week_state(day, revealed.get(day) is not None, zone, now),
            day in revealed,
            url(day),
        )
        for day in days
    ]


def trends_for(membership, people, shown: list[date]) -> list[Trend]:
    visible = Answer.objects.visible_to(membership).submitted()
    in_span = visible.filter(checkin__week_start__gte=shown[0], checkin__week_start__lte=shown[-1])
    values = {
        (row[0], row[1]): row[2:]
        for row in in_span.values_list("checkin__week_start", "author_id", *RATING_FIELDS)
    }
    short, _full = _day_formats()
    labels = [short(day) for day in shown]
    trends = []
    for index, (field, label, question) in enumerate(RATINGS):
        table = [
            [values.get((day, person.user_id), NO_ANSWER)[index] for person in people]
            for day in shown
        ]
        series = [
            (person.key, person.name, [row[column] for row in table])
            for column, person in enumerate(people)
        ]
        chart = charts.line_chart(labels, series)
        trends.append(
            Trend(
                field=field,
                label=label,
                question=question,
                chart=chart,
                svg=mark_safe(charts.svg_elements(chart)),  # labels escaped in charts
                rows=[
                    (day, row)
                    for day, row in zip(shown, table, strict=True)
                    if any(value is not None for value in row)
                ],
                averages=[
                    (person, _mean(line))
                    for person, (_key, _name, line) in zip(people, series, strict=True)
                ],
                description=describe(label, series, len(shown)),
            )
        )
    return trends


NO_ANSWER = (None,) * len(RATING_FIELDS)


def _mean(values: list[int | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _day_formats():
    """Days as the "j M" and "j M Y" date filters write them, with the month names
    translated once for the page rather than once for each of the many dates."""
    months = {number: str(name).title() for number, name in MONTHS_3.items()}

    def short(day: date) -> str:
        return f"{day.day} {months[day.month]}"

    def full(day: date) -> str:
        return f"{day.day} {months[day.month]} {day.year}"

    return short, full


def figure(trend: Trend, people: list[Person], full) -> str:
    """One rating's chart with its averages and, for people who cannot see the chart,
    its values as a table. Markup built here: a template costs more for a year of weeks."""
    chart = trend.chart
    averages = " · ".join(
        escape(
            _("%(name)s: average %(value)s") % {"name": person.name, "value": floatformat(mean, 1)}
        )
        for person, mean in trend.averages
        if mean is not None
    )
    summary = escape(_("%(rating)s as a table") % {"rating": trend.label})
    return (
        f'<figure class="card chart"><h3>{escape(trend.label)}</h3>'
        f'<p class="help">{escape(trend.question)}</p>'
        f'<svg class="line-chart" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-label="{escape(trend.description)}">{trend.svg}</svg>'
        f'<figcaption class="help">{averages}</figcaption>'
        f"<details><summary>{summary}</summary>{values_table(trend, people, full)}</details>"
        "</figure>"
    )


def values_table(trend: Trend, people: list[Person], full) -> str:
    if not trend.rows:
        return f'<p class="muted">{escape(_("Nothing shared in these weeks yet."))}</p>'
    head = "".join(f'<th scope="col">{escape(person.name)}</th>' for person in people)
    body = "".join(
        f'<tr><th scope="row">{full(day)}</th>'
        + "".join("<td>–</td>" if value is None else f"<td>{int(value)}</td>" for value in values)
        + "</tr>"
        for day, values in trend.rows
    )
    return (
        f'<table><caption class="visually-hidden">{escape(trend.label)}</caption>'
        f'<thead><tr><th scope="col">{escape(_("Week of"))}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def describe(label: str, series, weeks_shown: int) -> str:
    """A one-sentence summary of a chart, for its aria-label."""
    parts = [
        ngettext(
            "%(rating)s from 0 to 10, this week.",
            "%(rating)s from 0 to 10, over the last %(count)s weeks.",
            weeks_shown,
        )
        % {"rating": label, "count": weeks_shown}
    ]
    for _key, name, values in series:
        known = [value for value in values if value is not None]
        if known:
            parts.append(
                _("%(name)s: from %(first)s to %(last)s.")
                % {"name": name, "first": known[0], "last": known[-1]}
            )
        else:
            parts.append(_("%(name)s: nothing shared yet.") % {"name": name})
    return " ".join(parts)


def wins_for(membership, people) -> list[Win]:
    """Small wins from weeks both partners have shared, newest first."""
    by_id = {person.user_id: person for person in people}
    rows = (
        Answer.objects.visible_to(membership)
        .revealed()
        .exclude(win_text="")
        .filter(author_id__in=by_id)
        .order_by("-checkin__week_start", "author_id")
        .values("checkin__week_start", "author_id", "win_text")[:WINS_SHOWN]
    )
    return [
        Win(row["checkin__week_start"], row["win_text"], by_id[row["author_id"]]) for row in rows
    ]


def history_for(membership, partner, span: str, now: datetime, page: str | None = None) -> History:
    span = span if span in SPANS else DEFAULT_SPAN
    couple = membership.couple
    zone = couple.zone
    current = weeks.week_start_for(now, zone)
    # Weeks up to this one can still be answered late; older ones are kept or missed.
    settled = current - weeks.WEEK * (1 + weeks.LATE_WEEKS)
    tally = CheckIn.objects.tally(couple, settled)
    created = weeks.week_start_for(couple.created_at, zone)
    first = min(day for day in (created, current, tally["first"]) if day)
    every_week = weeks.weeks_between(first, current)  # oldest first; dates only, no rows
    listed = page_of(range(len(every_week)), page, WEEKS_PER_PAGE)
    people = people_of(membership, partner)
    return History(
        weeks=listed_weeks(couple, [current - weeks.WEEK * back for back in listed], now),
        page=listed,
        total_weeks=len(every_week),
        # Open weeks neither count nor break the streak: those kept count, then the run.
        streak=tally["kept_lately"] + tally["run"],
        kept=tally["kept"],
        people=people,
        trends=trends_for(
            membership, people, every_week[-SPANS[span] :] if SPANS[span] else every_week
        ),
        wins=wins_for(membership, people),
        span=span,
    )
