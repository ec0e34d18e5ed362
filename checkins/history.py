"""The couple's check-in history as one member may see it.

A fixed handful of queries whatever the length of the history; every answer is
read through `Answer.objects.visible_to`, so sealed weeks show nothing of the
partner's.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership

from . import charts, weeks
from .models import RATING_FIELDS, RATINGS, Answer, CheckIn, WeekState, week_state

SPANS = {"12": 12, "26": 26, "all": None}
DEFAULT_SPAN = "12"
WINS_SHOWN = 6
RECENT_WEEKS = 12


@dataclass(frozen=True)
class Week:
    week_start: date
    state: WeekState
    has_checkin: bool
    url: str

    @property
    def can_open(self) -> bool:
        return self.has_checkin or self.state == WeekState.OPEN

    @property
    def label(self) -> str:
        return _("Week of %(day)s") % {"day": date_format(self.week_start, "j M Y")}


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
    weeks: list[Week]  # newest first
    streak: int
    kept: int
    people: list[Person]
    trends: list[Trend]
    wins: list[Win]
    span: str

    @property
    def recent_weeks(self) -> list[Week]:
        return self.weeks[:RECENT_WEEKS]

    @property
    def earlier_weeks(self) -> list[Week]:
        return self.weeks[RECENT_WEEKS:]


def people_of(membership: Membership, partner: Membership | None) -> list[Person]:
    people = [Person("self", _("You"), membership.user_id)]
    if partner:
        people.append(Person("partner", str(partner.user), partner.user_id))
    return people


def all_weeks(membership: Membership, now: datetime) -> list[Week]:
    """Every week from the couple's first to this one, newest first. One query."""
    couple = membership.couple
    zone = couple.zone
    rows = {
        row["week_start"]: row["revealed_at"]
        for row in CheckIn.objects.filter(couple=couple).values("week_start", "revealed_at")
    }
    current = weeks.week_start_for(now, zone)
    first = min([weeks.week_start_for(couple.created_at, zone), current, *rows])
    url = _week_url_maker()
    return [
        Week(day, week_state(day, rows.get(day) is not None, zone, now), day in rows, url(day))
        for day in reversed(weeks.weeks_between(first, current))
    ]


def _week_url_maker():
    """Links to week pages, reversed once and then filled in: the history lists every
    week, and reversing each link took longer than the rest of the list."""
    placeholder = "2000-01-03"
    pattern = reverse("checkins:week", kwargs={"week": placeholder})
    return lambda day: pattern.replace(placeholder, day.isoformat())


def streak_of(all_weeks: list[Week]) -> int:
    """Consecutive weeks kept; weeks still open neither count nor break it."""
    streak = 0
    for week in all_weeks:
        if week.state == WeekState.KEPT:
            streak += 1
        elif week.state == WeekState.MISSED:
            break
    return streak


def trends_for(membership, people, shown: list[date]) -> list[Trend]:
    visible = Answer.objects.visible_to(membership).submitted()
    in_span = visible.filter(checkin__week_start__gte=shown[0], checkin__week_start__lte=shown[-1])
    values = {
        (row["checkin__week_start"], row["author_id"]): row
        for row in in_span.values("checkin__week_start", "author_id", *RATING_FIELDS)
    }
    averages = {
        row["author_id"]: row
        for row in in_span.values("author_id").annotate(
            **{f"avg_{name}": Avg(name) for name in RATING_FIELDS}
        )
    }
    labels = [date_format(day, "j M") for day in shown]
    trends = []
    for field, label, question in RATINGS:
        table = [
            [values.get((day, person.user_id), {}).get(field) for person in people] for day in shown
        ]
        series = [
            (person.key, person.name, [row[index] for row in table])
            for index, person in enumerate(people)
        ]
        means = [
            (person, averages.get(person.user_id, {}).get(f"avg_{field}")) for person in people
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
                averages=means,
                description=describe(label, series, len(shown)),
            )
        )
    return trends


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


def history_for(membership, partner, span: str, now: datetime) -> History:
    span = span if span in SPANS else DEFAULT_SPAN
    every_week = all_weeks(membership, now)
    shown = [week.week_start for week in every_week[: SPANS[span]]][::-1]
    people = people_of(membership, partner)
    return History(
        weeks=every_week,
        streak=streak_of(every_week),
        kept=sum(week.state == WeekState.KEPT for week in every_week),
        people=people,
        trends=trends_for(membership, people, shown),
        wins=wins_for(membership, people),
        span=span,
    )
