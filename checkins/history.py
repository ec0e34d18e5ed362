"""The couple's check-in history as one member may see it.

A fixed handful of queries whatever the length of the history: the counts and the
streak come from SQL, the week list is paged, and every answer is read through
`Answer.objects.visible_to`, so sealed weeks show nothing of the partner's.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import versions
from accounts.models import Membership
from recovery import charts
from recovery.links import url_maker
from recovery.paging import page_of

from . import weeks
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
    rows: list[tuple[date, list[int | None]]]
    columns: list[str]  # whose values the table's columns are
    averages: list[tuple[str, float]]  # (name, average) of those with an answer
    description: str

    @property
    def title(self) -> str:
        return self.label


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
        trends.append(
            Trend(
                field=field,
                label=label,
                question=question,
                chart=charts.line_chart(shown, series),
                rows=[
                    (day, row)
                    for day, row in zip(shown, table, strict=True)
                    if any(value is not None for value in row)
                ],
                columns=[person.name for person in people],
                averages=[
                    (name, mean) for _key, name, line in series if (mean := _mean(line)) is not None
                ],
                description=describe(label, series, len(shown)),
            )
        )
    return trends


NO_ANSWER = (None,) * len(RATING_FIELDS)


def _mean(values: list[int | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


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


TALLY_SECONDS = 7 * 24 * 3600


def cached_tally(couple, settled: date) -> dict:
    """`CheckIn.objects.tally`: a date and three counts, kept in the cache under the
    couple's version stamp (every saved or deleted check-in replaces it) and the
    settled week, which is all they depend on."""
    stamp = versions.current([couple.pk])[couple.pk]
    key = f"checkin-tally:{couple.pk}:{stamp}:{settled.isoformat()}"
    tally = cache.get(key)
    if tally is None:
        tally = CheckIn.objects.tally(couple, settled)
        cache.set(key, tally, TALLY_SECONDS)
    return tally


def history_for(membership, partner, span: str, now: datetime, page: str | None = None) -> History:
    span = span if span in SPANS else DEFAULT_SPAN
    couple = membership.couple
    zone = couple.zone
    current = weeks.week_start_for(now, zone)
    # Weeks up to this one can still be answered late; older ones are kept or missed.
    settled = current - weeks.WEEK * (1 + weeks.LATE_WEEKS)
    tally = cached_tally(couple, settled)
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
