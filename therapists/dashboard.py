"""The therapist's list of couples, summarised for one screen, a page at a time.

The order of the list takes all of the therapist's couples into account, so what it
needs (names, the last check-in, the flags) is known for all of them. Who the
therapist may see is read on every request (`TherapistLink.objects.with_access`), and
so are the partners' names; everything else is numbers and dates (`Figures`), kept
in the cache for each couple under its version stamp (`accounts.versions`: every write
to what they come from replaces it). A couple's figures are worked out again only
after such a write, or when time has moved past the moment one of them changes by
itself (an entry leaving the trigger window, a readiness report leaving the two-week
look-back); the flags that depend on the time alone (no check-in for two weeks, a
review overdue, a recent safety concern) are worked out on every request from cached
dates. Figures are read for all missing couples at once, a few queries of one row per
couple; the weekly ratings behind the trend lines only for the couples shown
(`add_trends`), cached the same way. So the page runs the same number of queries for 5
couples as for 200, however long their history, and on most requests reads no more
than the links, the names and the audit trail.

Only what the therapist may see is read: check-in answers of revealed weeks, shared
triggers, readiness numbers (never the notes), CSI-4 totals, safety check answers
their author chose to share, and the times of repairs both partners finished.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Avg, Count, Min, OuterRef, Q, Subquery, TextChoices
from django.template.defaultfilters import floatformat
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, Role, SafetyCheck, User
from accounts.templatetags.days import day
from agreements.models import Agreement, ReviewStatus
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing import gate
from pacing.models import (
    POLICY_FIELDS,
    TIER_NAMES,
    FalseConnectionCheck,
    PacingPolicy,
    ReadinessReport,
    gates_for,
)
from practice.progress import COMPLETION_WEEKS, completion_counts
from repair import measure
from repair.models import Repair
from triggers.models import Trigger
from triggers.templatetags.triggers_tags import wait

from . import csi
from .models import CsiResponse, TherapistLink
from .sparklines import Sparkline, sparkline

PAGE_SIZE = 10
SHORT_WEEKS = 4
LONG_WEEKS = 12
NO_CHECKIN_AFTER = timedelta(days=14)
TRIGGER_WINDOW = timedelta(days=14)
TRIGGER_BASELINE = timedelta(days=28)  # the four weeks before the window
RISING_BY = 1.0  # average intensity points
READINESS_LOOKBACK = timedelta(days=14)
SAFETY_WINDOW = timedelta(days=30)
RATINGS = [("safety", _("Safety")), ("trust", _("Trust")), ("connection", _("Connection"))]
FIGURES_SECONDS = 7 * 24 * 3600


class Flag(TextChoices):
    NO_CHECKIN = "no_checkin", _("No check-in for 2 weeks")
    TRIGGERS_RISING = "triggers_rising", _("Trigger intensity rising")
    REVIEW_OVERDUE = "review_overdue", _("Review overdue")
    READINESS_DROPPED = "readiness_dropped", _("Readiness dropped")
    SAFETY_SHARED = "safety_shared", _("Safety concern shared with you")


class Trend(TextChoices):
    RISING = "rising", _("rising")
    EASING = "easing", _("easing")
    STEADY = "steady", _("steady")


@dataclass(frozen=True)
class RatingTrend:
    label: str
    latest: int | None
    spark: Sparkline
    spark_label: str = ""  # the trend line's text alternative


@dataclass
class PartnerSummary:
    user_id: int
    name: str
    role: str
    csi_total: int | None = None
    ratings: list[RatingTrend] = field(default_factory=list)  # for the couples shown

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def csi_below_cutoff(self) -> bool:
        return self.csi_total is not None and csi.below_cutoff(self.csi_total)


def _day(value: date | datetime, format: str) -> str:
    """A day as the `date` filter writes it: in the viewer's time zone and language
    (the formats here name a day, never a time of it)."""
    if isinstance(value, datetime):
        value = localtime(value).date()
    return day(value, format)


# The words of a row are built here, each once, rather than by a translation tag per
# phrase in each of the rows: that was a fifth of the page's time.


@dataclass(frozen=True)
class AgreementStatus:
    current_number: int | None = None
    current_since: datetime | None = None
    open_proposal: bool = False
    next_review: datetime | None = None
    review_due: bool = False
    review_overdue: bool = False

    @property
    def version_words(self) -> str:
        if not self.current_number:
            return ""
        return gettext("Version %(number)s, since %(date)s") % {
            "number": self.current_number,
            "date": _day(self.current_since, "j M Y"),
        }

    @property
    def review_words(self) -> str:
        if self.next_review is None:
            return ""
        if self.review_overdue:
            words = gettext("Review overdue (due %(date)s)")
        elif self.review_due:
            words = gettext("Review due since %(date)s")
        else:
            words = gettext("Next review %(date)s")
        return words % {"date": _day(self.next_review, "j M")}


@dataclass
class CoupleSummary:
    couple_id: int
    zone: ZoneInfo
    created_at: datetime
    access_since: datetime | None
    # The therapist's own label; without one, the start date tells namesakes apart.
    label: str = ""
    partners: list[PartnerSummary] = field(default_factory=list)
    kept_short: int = 0  # for the couples shown
    kept_long: int = 0  # for the couples shown
    last_checkin: datetime | None = None
    triggers_recent: int = 0
    intensity_recent: float | None = None
    intensity_before: float | None = None
    agreement: AgreementStatus = AgreementStatus()
    tier: int = 0
    ceiling: int | None = None
    safety_shared: bool = False
    repairs_finished: int = 0  # after a pause or a shared trigger, last 12 weeks
    repair_median: timedelta | None = None  # the time to come back, their median
    # Practices due in the last four weeks: marks asked for, "done", "found it hard".
    practice_asked: int = 0
    practice_done: int = 0
    practice_hard: int = 0
    flags: list[Flag] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " & ".join(p.name for p in self.partners)

    @property
    def lowest_csi(self) -> int | None:
        totals = [p.csi_total for p in self.partners if p.csi_total is not None]
        return min(totals, default=None)

    @property
    def practice_marked(self) -> int:
        return self.practice_done + self.practice_hard

    @property
    def practice_share(self) -> float | None:
        """How much of the practice asked for was marked, done or found hard."""
        return self.practice_marked / self.practice_asked if self.practice_asked else None

    @property
    def started_on(self) -> str:
        return _day(self.created_at, "j M Y")

    @property
    def last_checkin_on(self) -> str:
        return _day(self.last_checkin, "j M Y") if self.last_checkin else ""

    @property
    def practice_words(self) -> str:
        if not self.practice_asked:
            return ""
        words = gettext("%(marked)s of %(asked)s marked") % {
            "marked": self.practice_marked,
            "asked": self.practice_asked,
        }
        if self.practice_hard:
            words += " · " + ngettext(
                "%(counter)s found it hard", "%(counter)s found it hard", self.practice_hard
            ) % {"counter": self.practice_hard}
        return words

    @property
    def kept_words(self) -> str:
        return gettext("Checked in %(short)s of the last 4 weeks · %(long)s of the last 12") % {
            "short": self.kept_short,
            "long": self.kept_long,
        }

    @property
    def triggers_words(self) -> str:
        if not self.triggers_recent:
            return ""
        return ngettext(
            "%(counter)s trigger, average intensity %(average)s",
            "%(counter)s triggers, average intensity %(average)s",
            self.triggers_recent,
        ) % {"counter": self.triggers_recent, "average": floatformat(self.intensity_recent, 1)}

    @property
    def trend_words(self) -> str:
        trend = self.trigger_trend
        if trend is None:
            return ""
        return gettext("Intensity %(trend)s (the four weeks before: %(before)s)") % {
            "trend": trend.label,
            "before": floatformat(self.intensity_before, 1),
        }

    @property
    def repairs_words(self) -> str:
        if not self.repairs_finished:
            return ""
        return ngettext(
            "%(counter)s finished, back in %(time)s (median)",
            "%(counter)s finished, back in %(time)s (median)",
            self.repairs_finished,
        ) % {"counter": self.repairs_finished, "time": wait(self.repair_median)}

    @property
    def tier_words(self) -> str:
        return gettext("%(tier)s, %(name)s") % {"tier": self.tier, "name": TIER_NAMES[self.tier]}

    @property
    def ceiling_words(self) -> str:
        if self.ceiling is None:
            return ""
        return gettext("Your ceiling: tier %(ceiling)s") % {"ceiling": self.ceiling}

    @property
    def since_words(self) -> str:
        if self.access_since is None:
            return ""
        return gettext("Sharing with you since %(date)s") % {
            "date": _day(self.access_since, "j F Y")
        }

    @property
    def trigger_trend(self) -> Trend | None:
        if self.intensity_recent is None or self.intensity_before is None:
            return None
        change = self.intensity_recent - self.intensity_before
        if change >= RISING_BY:
            return Trend.RISING
        if change <= -RISING_BY:
            return Trend.EASING
        return Trend.STEADY


@dataclass(frozen=True)
class SortKey:
    """A column of the list as an order: `?sort=name` is its ascending order and
    `?sort=-name` its descending one; couples that tie stay in order of their names."""

    label: str
    key: Callable[[CoupleSummary], object]


_LONG_AGO = datetime.min.replace(tzinfo=ZoneInfo("UTC"))

SORT_KEYS = {
    "name": SortKey(_("Couple"), lambda s: s.name.casefold()),
    "started": SortKey(_("Started"), lambda s: s.created_at),
    # Never checked in sorts before the longest ago.
    "checkin": SortKey(_("Last check-in"), lambda s: s.last_checkin or _LONG_AGO),
    "triggers": SortKey(
        _("Shared triggers"), lambda s: (s.triggers_recent, s.intensity_recent or 0)
    ),
    "tier": SortKey(_("Open tier"), lambda s: s.tier),
    # Not answered sorts after every total.
    "csi": SortKey(_("CSI-4"), lambda s: (s.lowest_csi is None, s.lowest_csi or 0)),
    "flags": SortKey(_("Flags"), lambda s: len(s.flags)),
    # No practice asked for sorts before any share of it done.
    "practice": SortKey(
        _("Practice"), lambda s: -1 if s.practice_share is None else s.practice_share
    ),
}
DEFAULT_SORT = "-flags"
# The orders offered as links above the cards on a phone (the table's headers sort on a
# desk); the old names of two of them still work.
PHONE_SORTS = {
    "-flags": _("Needs attention first"),
    "name": _("Name"),
    "checkin": _("Longest since a check-in"),
}
SORT_ALIASES = {"attention": "-flags"}


def valid_sort(raw: str | None) -> str:
    """The order asked for, or the default for anything else."""
    sort = SORT_ALIASES.get(raw or "", raw or "")
    return sort if sort.removeprefix("-") in SORT_KEYS else DEFAULT_SORT


def sort_summaries(summaries: list[CoupleSummary], sort: str) -> list[CoupleSummary]:
    sort = valid_sort(sort)
    column, descending = sort.removeprefix("-"), sort.startswith("-")
    by_name = sorted(summaries, key=SORT_KEYS["name"].key)
    if column == "name":
        return by_name[::-1] if descending else by_name
    # A stable sort, even reversed: ties keep the order of names.
    return sorted(by_name, key=SORT_KEYS[column].key, reverse=descending)


@dataclass(frozen=True)
class Column:
    """A sortable header of the desk table."""

    key: str
    label: str
    link: str  # the `sort` its link asks for: the other direction when sorted by it
    aria_sort: str  # "ascending", "descending" or "" when the list is not in its order


def sort_columns(sort: str) -> dict[str, Column]:
    """The sortable headers by key; the template places them among the others."""
    columns = {}
    for key, sort_key in SORT_KEYS.items():
        if sort == key:
            columns[key] = Column(key, sort_key.label, f"-{key}", "ascending")
        elif sort == f"-{key}":
            columns[key] = Column(key, sort_key.label, key, "descending")
        else:
            columns[key] = Column(key, sort_key.label, key, "")
    return columns


def valid_flag(raw: str | None) -> Flag | None:
    return Flag(raw) if raw in Flag.values else None


def with_flag(summaries: list[CoupleSummary], flag: Flag | None) -> list[CoupleSummary]:
    return [s for s in summaries if flag in s.flags] if flag else summaries


def flag_counts(summaries: list[CoupleSummary]) -> list[tuple[Flag, int]]:
    """Each flag with how many couples carry it, for the filters (only flags present)."""
    counts = dict.fromkeys(Flag, 0)
    for summary in summaries:
        for flag in summary.flags:
            counts[flag] += 1
    return [(flag, count) for flag, count in counts.items() if count]


def page_of(summaries: list[CoupleSummary], number: str | None) -> Page:
    """One page of the sorted list. A page past the end (an old link, a couple who
    has left since) or not a number shows the first page, never an error."""
    paginator = Paginator(summaries, PAGE_SIZE)
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        return paginator.page(1)


@dataclass(frozen=True)
class Figures:
    """What the list needs of one couple besides names: numbers and dates only, never
    anything a person wrote, so it can be kept in the cache. Valid from `computed_at`
    until `valid_until` (None: until the next write), under the couple's stamp."""

    computed_at: datetime
    valid_until: datetime | None
    partners: tuple[tuple[int, str, int | None], ...]  # user id, role, latest CSI-4 total
    last_checkin: datetime | None
    agreement_number: int | None
    agreement_since: datetime | None
    settled_at: datetime | None
    open_proposal: bool
    concern_at: datetime | None
    ceiling: int | None
    triggers_recent: int
    intensity_recent: float | None
    intensity_before: float | None
    tier: int
    readiness_dropped: bool
    repairs_finished: int = 0
    repair_median: timedelta | None = None
    practice: tuple[int, int, int] = (0, 0, 0)  # asked, done, found hard

    def fresh_at(self, now: datetime) -> bool:
        return self.computed_at <= now and (self.valid_until is None or now < self.valid_until)


@dataclass(frozen=True)
class _Link:
    couple_id: int
    zone: ZoneInfo
    created_at: datetime
    access_since: datetime | None
    label: str  # the therapist's own name for the couple, read fresh (never cached)


def couples_of(therapist, now: datetime) -> list[CoupleSummary]:
    """Every couple sharing with `therapist` now, with its flags and what the sorts
    need; `add_trends` completes the summaries that are shown."""
    return listing_of(therapist, now)[0]


def listing_of(therapist, now: datetime) -> tuple[list[CoupleSummary], int]:
    """`couples_of`, and how many more couples have linked with the therapist and not
    both consented yet (read with them: one query for both)."""
    links, waiting = _links(therapist)
    if not links:
        return [], waiting
    figures = _figures(links, now)
    names = {
        pk: User.name_from(display_name, email)
        for pk, display_name, email in User.objects.filter(
            pk__in=[user_id for f in figures.values() for user_id, _role, _csi in f.partners]
        ).values_list("pk", "display_name", "email")
    }
    summaries = []
    for couple_id, link in links.items():
        got = figures[couple_id]
        review = ReviewStatus.at(got.settled_at, now)
        summary = CoupleSummary(
            couple_id=couple_id,
            zone=link.zone,
            created_at=link.created_at,
            access_since=link.access_since,
            label=link.label,
            partners=[
                PartnerSummary(user_id, names[user_id], role, csi_total)
                for user_id, role, csi_total in got.partners
            ],
            last_checkin=got.last_checkin,
            triggers_recent=got.triggers_recent,
            intensity_recent=got.intensity_recent,
            intensity_before=got.intensity_before,
            agreement=AgreementStatus(
                current_number=got.agreement_number,
                current_since=got.agreement_since,
                open_proposal=got.open_proposal,
                next_review=review.next_review,
                review_due=review.due,
                review_overdue=review.overdue,
            ),
            tier=got.tier,
            ceiling=got.ceiling,
            safety_shared=bool(got.concern_at and got.concern_at >= now - SAFETY_WINDOW),
            repairs_finished=got.repairs_finished,
            repair_median=got.repair_median,
        )
        summary.practice_asked, summary.practice_done, summary.practice_hard = got.practice
        summary.flags = _flags(summary, now, got.readiness_dropped)
        summaries.append(summary)
    return summaries, waiting


def _links(therapist) -> tuple[dict[int, _Link], int]:
    """The couples the therapist may see now (read on every request, never cached),
    and how many open links to couples still together wait for consent."""
    rows = (
        TherapistLink.objects.open()
        .filter(therapist=therapist, couple__ended_at__isnull=True)
        .marked_with_access()
        .with_access_since()
        .values_list(
            "couple_id",
            "couple__timezone",
            "couple__created_at",
            "access_since",
            "label",
            "has_access",
        )
        .order_by()
    )
    links, waiting = {}, 0
    for couple_id, timezone, created_at, access_since, label, has_access in rows:
        if has_access:
            links[couple_id] = _Link(couple_id, ZoneInfo(timezone), created_at, access_since, label)
        else:
            waiting += 1
    return links, waiting


def _figures_key(link: _Link, stamp: str) -> str:
    # The time zone is part of what the figures were worked out with (the gate's days).
    return f"therapist-figures-3:{link.couple_id}:{stamp}:{link.zone.key}"


def _figures(links: dict[int, _Link], now: datetime) -> dict[int, Figures]:
    """Each couple's figures: from the cache, and worked out for the couples whose
    figures are missing or out of date, all of them at once."""
    stamps = versions.current(links)
    keys = {couple_id: _figures_key(link, stamps[couple_id]) for couple_id, link in links.items()}
    cached = cache.get_many(list(keys.values()))
    figures = {}
    for couple_id, key in keys.items():
        found = cached.get(key)
        if found is not None and found.fresh_at(now):
            figures[couple_id] = found
    missing = {couple_id: link for couple_id, link in links.items() if couple_id not in figures}
    if missing:
        fresh = _work_out(missing, now)
        cache.set_many(
            {keys[couple_id]: value for couple_id, value in fresh.items()}, FIGURES_SECONDS
        )
        figures |= fresh
    return figures


def _work_out(links: dict[int, _Link], now: datetime) -> dict[int, Figures]:
    """The figures of these couples, in a fixed number of queries of a row per couple."""
    facts = _facts(list(links), now)
    partners = _partners(list(links))
    triggers, triggers_until = _triggers(list(links), now)
    repairs, repairs_until = _repairs(links, now)
    rules = {
        couple_id: _rules(link.zone, facts[couple_id]["policy"])
        for couple_id, link in links.items()
    }
    tiers, dropped = _pacing(rules, now)
    practice_windows = _practice_windows(links, now)
    practice = completion_counts(practice_windows)
    figures = {}
    for couple_id in links:
        fact = facts[couple_id]
        count, recent_avg, before_avg = triggers.get(couple_id, (0, None, None))
        until = [
            triggers_until.get(couple_id),
            fact["readiness_until"],
            repairs_until.get(couple_id),
            # The practice window moves on at the start of the couple's next week.
            weeks.week_starts_at(
                practice_windows[couple_id][1] + weeks.WEEK, links[couple_id].zone
            ),
        ]
        figures[couple_id] = Figures(
            computed_at=now,
            valid_until=min(filter(None, until), default=None),
            partners=tuple(partners.get(couple_id, ())),
            last_checkin=fact["last_checkin"],
            agreement_number=fact["agreement_number"],
            agreement_since=fact["agreement_since"],
            settled_at=fact["settled_at"],
            open_proposal=bool(fact["open_proposal"]),
            concern_at=fact["concern_at"],
            ceiling=fact["policy"].get("therapist_ceiling"),
            triggers_recent=count,
            intensity_recent=recent_avg,
            intensity_before=before_avg,
            tier=tiers[couple_id],
            readiness_dropped=couple_id in dropped,
            repairs_finished=repairs.get(couple_id, (0, None))[0],
            repair_median=repairs.get(couple_id, (0, None))[1],
            practice=practice.get(couple_id, (0, 0, 0)),
        )
    return figures


def _practice_windows(links: dict[int, _Link], now: datetime) -> dict[int, tuple[date, date]]:
    """The weeks whose practices count: this week and the three before, each couple's
    own local weeks."""
    windows = {}
    for couple_id, link in links.items():
        this_week = weeks.week_start_for(now, link.zone)
        windows[couple_id] = (this_week - weeks.WEEK * (COMPLETION_WEEKS - 1), this_week)
    return windows


def _facts(couple_ids: list[int], now: datetime) -> dict[int, dict]:
    """The last revealed check-in, the agreement's state, the last shared safety
    concern and the pacing policy of each couple, in one query; with when the open
    tier two weeks ago or now next changes by itself: a readiness report or a
    false-connection hold leaving the two weeks looked back on, or one dated later
    coming in."""
    agreement = Agreement.objects.filter(couple_id=OuterRef("pk")).with_settled_at()
    reports = ReadinessReport.objects.filter(couple_id=OuterRef("pk")).order_by("created_at")
    holds = (
        FalseConnectionCheck.objects.holding()
        .filter(couple_id=OuterRef("pk"))
        .order_by("created_at")
    )
    rows = (
        Couple.objects.filter(pk__in=couple_ids)
        .annotate(
            last_checkin=Subquery(
                CheckIn.objects.filter(couple_id=OuterRef("pk"), revealed_at__isnull=False)
                .order_by("-revealed_at")
                .values("revealed_at")[:1]
            ),
            settled_at=Subquery(agreement.values("settled_at")[:1]),
            open_proposal=Subquery(agreement.with_open_proposal().values("has_open_proposal")[:1]),
            concern_at=Subquery(
                SafetyCheck.objects.concerns_shared_with_therapist_of(OuterRef("pk"))
                .order_by("-answered_at")
                .values("answered_at")[:1]
            ),
            first_recent_report=Subquery(
                reports.filter(created_at__gt=now - READINESS_LOOKBACK).values("created_at")[:1]
            ),
            next_later_report=Subquery(reports.filter(created_at__gt=now).values("created_at")[:1]),
            first_recent_hold=Subquery(
                holds.filter(created_at__gt=now - READINESS_LOOKBACK).values("created_at")[:1]
            ),
            next_later_hold=Subquery(holds.filter(created_at__gt=now).values("created_at")[:1]),
        )
        .values_list(
            "pk",
            "last_checkin",
            "agreement__current_version__number",
            "agreement__current_version__took_effect_at",
            "settled_at",
            "open_proposal",
            "concern_at",
            "first_recent_report",
            "next_later_report",
            "first_recent_hold",
            "next_later_hold",
            "pacing_policy__id",
            *[f"pacing_policy__{name}" for name in POLICY_FIELDS],
        )
    )
    facts = {}
    for couple_id, last_checkin, number, since, settled, proposal, concern, *rest in rows:
        first_report, next_report, first_hold, next_hold, policy, *policy_values = rest
        changes = [first and first + READINESS_LOOKBACK for first in (first_report, first_hold)]
        facts[couple_id] = {
            "readiness_until": min(filter(None, [*changes, next_report, next_hold]), default=None),
            "last_checkin": last_checkin,
            "agreement_number": number,
            "agreement_since": since,
            "settled_at": settled,
            "open_proposal": proposal,
            "concern_at": concern,
            "policy": dict(zip(POLICY_FIELDS, policy_values, strict=True)) if policy else {},
        }
    return facts


def _partners(couple_ids: list[int]) -> dict[int, list[tuple[int, str, int | None]]]:
    """Each couple's current partners (the hurt partner first) with their latest
    CSI-4 total."""
    rows = (
        Membership.objects.active()
        .filter(couple_id__in=couple_ids)
        .annotate(
            csi_total=Subquery(
                CsiResponse.objects.filter(
                    couple_id=OuterRef("couple_id"), partner_id=OuterRef("user_id")
                )
                .order_by("-period")
                .values("total")[:1]
            )
        )
        .values_list("couple_id", "user_id", "role", "csi_total")
        .order_by("role")
    )
    partners = defaultdict(list)
    for couple_id, user_id, role, csi_total in rows:
        partners[couple_id].append((user_id, role, csi_total))
    return partners


def _triggers(couple_ids: list[int], now: datetime) -> tuple[dict, dict]:
    """Shared triggers of the window and of the weeks before it, by couple, and when
    those figures next change by themselves: when an entry of the window leaves it or
    one dated later comes into it."""
    window_start = now - TRIGGER_WINDOW
    start = window_start - TRIGGER_BASELINE
    recent = Q(occurred_at__gte=window_start, occurred_at__lte=now)
    rows = (
        Trigger.objects.shared()
        .filter(couple_id__in=couple_ids, occurred_at__gte=start)
        .values("couple_id")
        .annotate(
            recent=Count("pk", filter=recent),
            recent_avg=Avg("intensity", filter=recent),
            before_avg=Avg("intensity", filter=Q(occurred_at__lt=window_start)),
            first=Min("occurred_at"),
            first_recent=Min("occurred_at", filter=Q(occurred_at__gte=window_start)),
            next_later=Min("occurred_at", filter=Q(occurred_at__gt=now)),
        )
        .values_list(
            "couple_id", "recent", "recent_avg", "before_avg", "first", "first_recent", "next_later"
        )
        .order_by()
    )
    figures, until = {}, {}
    for couple_id, count, recent_avg, before_avg, first, first_recent, next_later in rows:
        figures[couple_id] = (count, recent_avg, before_avg)
        changes = [
            first + TRIGGER_WINDOW + TRIGGER_BASELINE,
            first_recent and first_recent + TRIGGER_WINDOW,
            next_later,
        ]
        until[couple_id] = min(filter(None, changes))
    return figures, until


def _repairs(links: dict[int, _Link], now: datetime) -> tuple[dict, dict]:
    """Repairs after a pause or a shared trigger that both partners finished in the
    last 12 weeks (whole days in the couple's time zone), how many and the median time
    to come back, by couple; and when the oldest of them leaves the 12 weeks. One
    query, a row per such repair (finished repairs only: never a side)."""
    starts = {
        couple_id: measure.window_start(
            now.astimezone(link.zone).date(), measure.QUARTER_DAYS, link.zone
        )
        for couple_id, link in links.items()
    }
    rows = (
        Repair.objects.measured()
        .filter(couple_id__in=list(links), completed_at__gte=min(starts.values()))
        .filter(completed_at__lte=now)
        .values_list("couple_id", "began_at", "completed_at")
        .order_by()
    )
    moments = defaultdict(list)
    for couple_id, began, done in rows:
        if done >= starts[couple_id]:
            moments[couple_id].append((began, done))
    figures, until = {}, {}
    for couple_id, pairs in moments.items():
        zone = links[couple_id].zone
        summary = measure.summarise(pairs, now, zone)
        figures[couple_id] = (summary.quarter_count, summary.quarter)
        oldest = min(done for _began, done in pairs).astimezone(zone).date()
        until[couple_id] = weeks.local_midnight(oldest + timedelta(days=measure.QUARTER_DAYS), zone)
    return figures, until


def _rules(zone: ZoneInfo, policy: dict) -> gate.Policy:
    return PacingPolicy(couple=Couple(timezone=zone.key), **policy).as_gate_policy()


def _pacing(rules: dict[int, gate.Policy], now) -> tuple[dict[int, int], set[int]]:
    """Each couple's open tier, and the couples whose readiness lowered the tier in the
    last two weeks (the therapist's own ceiling is left out of that comparison)."""
    uncapped = {rule: replace(rule, ceiling=None) for rule in set(rules.values())}
    wanted = {}
    for couple_id, rule in rules.items():
        wanted[couple_id] = [
            (uncapped[rule], now),
            (uncapped[rule], now - READINESS_LOOKBACK),
        ]
        if rule.ceiling is not None:  # without one, the open tier is the uncapped one
            wanted[couple_id].append((rule, now))
    # Cached like every page's gate: the reports are read only for couples with a new one.
    tiers, dropped = {}, set()
    for couple_id, (current, before, *capped) in gates_for(wanted).items():
        tiers[couple_id] = (capped or [current])[0].tier
        if current.tier < before.tier:
            dropped.add(couple_id)
    return tiers, dropped


def add_trends(summaries: list[CoupleSummary], now: datetime) -> None:
    """Check-ins kept and each partner's rating trend lines, for the couples shown:
    from the cache, or one query for the revealed answers of the last LONG_WEEKS weeks
    of the couples whose trends are not there."""
    if not summaries:
        return
    first = {
        s.couple_id: weeks.week_start_for(now, s.zone) - weeks.WEEK * (LONG_WEEKS - 1)
        for s in summaries
    }
    stamps = versions.current(first)
    keys = {
        couple_id: f"therapist-trends:{couple_id}:{stamps[couple_id]}:{first[couple_id]}"
        for couple_id in first
    }
    found = cache.get_many(list(keys.values()))
    trends = {couple_id: found[key] for couple_id, key in keys.items() if key in found}
    missing = {couple_id: first[couple_id] for couple_id in first if couple_id not in trends}
    if missing:
        fresh = _weekly_ratings(missing)
        cache.set_many(
            {keys[couple_id]: fresh[couple_id] for couple_id in missing}, FIGURES_SECONDS
        )
        trends |= fresh
    for summary in summaries:
        slots, series = trends[summary.couple_id]
        summary.kept_long = len(slots)
        summary.kept_short = sum(slot >= LONG_WEEKS - SHORT_WEEKS for slot in slots)
        for partner in summary.partners:
            partner.ratings = _rating_trends(series.get(partner.user_id, {}), partner.name)


def _weekly_ratings(first: dict[int, date]) -> dict[int, tuple[set[int], dict]]:
    """For each couple: the weeks kept (slots from 0, the oldest shown) and each
    partner's ratings by week, from revealed answers only. One query."""
    rows = (
        Answer.objects.revealed()
        .filter(_since("checkin__couple_id", "checkin__week_start", first))
        .values_list(
            "checkin__couple_id", "author_id", "checkin__week_start", *[f for f, _ in RATINGS]
        )
        .order_by()
    )
    trends = {couple_id: (set(), {}) for couple_id in first}
    for couple_id, author_id, week_start, *values in rows:
        slot = (week_start - first[couple_id]).days // 7
        if not 0 <= slot < LONG_WEEKS:
            continue
        kept, series = trends[couple_id]
        kept.add(slot)  # a revealed week has both partners' answers
        ratings = series.setdefault(author_id, {f: [None] * LONG_WEEKS for f, _ in RATINGS})
        for (name, _label), value in zip(RATINGS, values, strict=True):
            ratings[name][slot] = value
    return trends


def _since(couple_field: str, date_field: str, cutoffs: dict[int, date]) -> Q:
    """Rows on or after each couple's own cutoff. Couples share a handful of distinct
    cutoffs (their local weeks differ by at most a day), so the condition stays small."""
    grouped: dict[date, list[int]] = defaultdict(list)
    for couple_id, cutoff in cutoffs.items():
        grouped[cutoff].append(couple_id)
    condition = Q()
    for cutoff, couple_ids in grouped.items():
        condition |= Q(**{f"{couple_field}__in": couple_ids, f"{date_field}__gte": cutoff})
    return condition


def _rating_trends(series: dict[str, list], partner_name: str) -> list[RatingTrend]:
    trends = []
    for name, label in RATINGS:
        values = series.get(name, [None] * LONG_WEEKS)
        known = [value for value in values if value is not None]
        spark = sparkline(values)
        spark_label = gettext("%(rating)s, %(name)s, kept weeks of the last 12: %(values)s") % {
            "rating": label,
            "name": partner_name,
            "values": spark.values_text,
        }
        latest = known[-1] if known else None
        trends.append(RatingTrend(label, latest, spark, spark_label))
    return trends


def _flags(summary: CoupleSummary, now, readiness_dropped: bool) -> list[Flag]:
    flags = []
    if summary.safety_shared:
        flags.append(Flag.SAFETY_SHARED)
    last = summary.last_checkin or summary.created_at
    if last < now - NO_CHECKIN_AFTER:
        flags.append(Flag.NO_CHECKIN)
    if summary.trigger_trend == Trend.RISING:
        flags.append(Flag.TRIGGERS_RISING)
    if summary.agreement.review_overdue:
        flags.append(Flag.REVIEW_OVERDUE)
    if readiness_dropped:
        flags.append(Flag.READINESS_DROPPED)
    return flags
