"""The therapist's list of couples, summarised for one screen.

Every figure is read for all listed couples at once, grouped by couple in the
database (or, for the pacing gate, `pacing.models.gates_for`: cached results, and
the reports only of couples with a new one), so the number of queries is the same
for 5 couples as for 200, however long their history.

Only what the therapist may see is read: check-in answers of revealed weeks,
shared triggers, readiness numbers (never the notes), CSI-4 totals, and safety
check answers their author chose to share.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, Exists, F, Max, OuterRef, Q, Subquery, TextChoices
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, SafetyCheck
from agreements.models import REVIEW_INTERVAL, Agreement, Review, Version
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing.models import TIER_NAMES, PacingPolicy, gates_for
from triggers.models import Trigger

from . import csi
from .models import CsiResponse
from .sparklines import Sparkline, sparkline

SHORT_WEEKS = 4
LONG_WEEKS = 12
NO_CHECKIN_AFTER = timedelta(days=14)
TRIGGER_WINDOW = timedelta(days=14)
TRIGGER_BASELINE = timedelta(days=28)  # the four weeks before the window
RISING_BY = 1.0  # average intensity points
REVIEW_GRACE = timedelta(days=7)
READINESS_LOOKBACK = timedelta(days=14)
SAFETY_WINDOW = timedelta(days=30)
RATINGS = [("safety", _("Safety")), ("trust", _("Trust")), ("connection", _("Connection"))]


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


@dataclass(frozen=True)
class PartnerSummary:
    membership: Membership
    ratings: list[RatingTrend]
    csi_total: int | None

    @property
    def csi_below_cutoff(self) -> bool:
        return self.csi_total is not None and csi.below_cutoff(self.csi_total)


@dataclass(frozen=True)
class AgreementStatus:
    current_number: int | None = None
    current_since: datetime | None = None
    open_proposal: bool = False
    next_review: datetime | None = None
    review_due: bool = False
    review_overdue: bool = False


@dataclass
class CoupleSummary:
    couple: Couple
    access_since: datetime | None
    partners: list[PartnerSummary] = field(default_factory=list)
    kept_short: int = 0
    kept_long: int = 0
    last_checkin: datetime | None = None
    triggers_recent: int = 0
    intensity_recent: float | None = None
    intensity_before: float | None = None
    agreement: AgreementStatus = AgreementStatus()
    tier: int = 0
    ceiling: int | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " & ".join(str(p.membership.user) for p in self.partners)

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

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


SORTS = {
    "attention": _("Needs attention first"),
    "name": _("Name"),
    "checkin": _("Longest since a check-in"),
}
DEFAULT_SORT = "attention"


def sort_summaries(summaries: list[CoupleSummary], sort: str) -> list[CoupleSummary]:
    by_name = sorted(summaries, key=lambda s: s.name.casefold())
    if sort == "name":
        return by_name
    if sort == "checkin":
        # Never checked in comes first, then the longest ago.
        return sorted(by_name, key=lambda s: (s.last_checkin is not None, s.last_checkin or 0))
    return sorted(by_name, key=lambda s: -len(s.flags))


def summarise(links, partners: dict[int, list[Membership]], now: datetime) -> list[CoupleSummary]:
    """One summary per link (with `couple` loaded and `access_since` annotated)."""
    couples = {link.couple_id: link.couple for link in links}
    summaries = {
        link.couple_id: CoupleSummary(couple=link.couple, access_since=link.access_since)
        for link in links
    }
    if not couples:
        return []
    this_week = {pk: weeks.week_start_for(now, couple.zone) for pk, couple in couples.items()}
    _add_checkins(summaries, this_week)
    series = _rating_series(couples, this_week)
    csi_totals = _latest_csi(couples)
    for couple_id, summary in summaries.items():
        summary.partners = [
            PartnerSummary(
                membership=member,
                ratings=_rating_trends(series.get((couple_id, member.user_id), {})),
                csi_total=csi_totals.get((couple_id, member.user_id)),
            )
            for member in partners.get(couple_id, [])
        ]
    _add_triggers(summaries, now)
    _add_agreements(summaries, now)
    dropped = _add_pacing(summaries, couples, now)
    concerned = _safety_concerns(partners, now)
    for couple_id, summary in summaries.items():
        summary.flags = _flags(summary, now, couple_id in dropped, couple_id in concerned)
    return list(summaries.values())


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


def _cutoffs(this_week: dict[int, date], count: int) -> dict[int, date]:
    """The Monday that starts the last `count` weeks (this week included) of each couple."""
    return {pk: monday - weeks.WEEK * (count - 1) for pk, monday in this_week.items()}


def _add_checkins(summaries, this_week) -> None:
    rows = (
        CheckIn.objects.filter(couple_id__in=summaries, revealed_at__isnull=False)
        .values("couple_id")
        .annotate(
            short=Count("pk", filter=_since("couple_id", "week_start", _cutoffs(this_week, 4))),
            long=Count("pk", filter=_since("couple_id", "week_start", _cutoffs(this_week, 12))),
            last=Max("revealed_at"),
        )
        .order_by()
    )
    for row in rows:
        summary = summaries[row["couple_id"]]
        summary.kept_short, summary.kept_long = row["short"], row["long"]
        summary.last_checkin = row["last"]


def _rating_series(couples, this_week) -> dict[tuple[int, int], dict[str, list]]:
    """(couple, author) -> rating -> LONG_WEEKS values, oldest first; revealed weeks only."""
    first = _cutoffs(this_week, LONG_WEEKS)
    rows = (
        Answer.objects.revealed()
        .filter(checkin__couple_id__in=couples)
        .filter(_since("checkin__couple_id", "checkin__week_start", first))
        .values_list(
            "checkin__couple_id", "author_id", "checkin__week_start", *[f for f, _ in RATINGS]
        )
        .order_by()
    )
    series: dict[tuple[int, int], dict[str, list]] = {}
    for couple_id, author_id, week_start, *values in rows:
        slot = (week_start - first[couple_id]).days // 7
        if not 0 <= slot < LONG_WEEKS:
            continue
        ratings = series.setdefault(
            (couple_id, author_id), {f: [None] * LONG_WEEKS for f, _ in RATINGS}
        )
        for (name, _label), value in zip(RATINGS, values, strict=True):
            ratings[name][slot] = value
    return series


def _rating_trends(series: dict[str, list]) -> list[RatingTrend]:
    trends = []
    for name, label in RATINGS:
        values = series.get(name, [None] * LONG_WEEKS)
        known = [value for value in values if value is not None]
        trends.append(RatingTrend(label, known[-1] if known else None, sparkline(values)))
    return trends


def _latest_csi(couples) -> dict[tuple[int, int], int]:
    latest = (
        CsiResponse.objects.filter(
            couple_id=OuterRef("couple_id"), partner_id=OuterRef("partner_id")
        )
        .order_by("-period")
        .values("pk")[:1]
    )
    rows = (
        CsiResponse.objects.filter(couple_id__in=couples, pk=Subquery(latest))
        .values_list("couple_id", "partner_id", "total")
        .order_by()
    )
    return {(couple_id, partner_id): total for couple_id, partner_id, total in rows}


def _add_triggers(summaries, now) -> None:
    window_start = now - TRIGGER_WINDOW
    recent = Q(occurred_at__gte=window_start)
    rows = (
        Trigger.objects.shared()
        .filter(couple_id__in=summaries)
        .filter(occurred_at__gte=window_start - TRIGGER_BASELINE, occurred_at__lte=now)
        .values("couple_id")
        .annotate(
            recent=Count("pk", filter=recent),
            recent_avg=Avg("intensity", filter=recent),
            before_avg=Avg("intensity", filter=~recent),
        )
        .order_by()
    )
    for row in rows:
        summary = summaries[row["couple_id"]]
        summary.triggers_recent = row["recent"]
        summary.intensity_recent = row["recent_avg"]
        summary.intensity_before = row["before_avg"]


def _add_agreements(summaries, now) -> None:
    last_review = (
        Review.objects.filter(agreement=OuterRef("pk"), completed_at__isnull=False)
        .order_by("-completed_at")
        .values("completed_at")[:1]
    )
    rows = (
        Agreement.objects.filter(couple_id__in=summaries)
        .values(
            "couple_id",
            number=F("current_version__number"),
            since=F("current_version__took_effect_at"),
            last_review=Subquery(last_review),
            open_proposal=Exists(
                Version.objects.filter(agreement=OuterRef("pk"), status=Version.Status.OPEN)
            ),
        )
        .order_by()
    )
    for row in rows:
        settled = max(filter(None, [row["since"], row["last_review"]]), default=None)
        next_review = settled + REVIEW_INTERVAL if settled else None
        summaries[row["couple_id"]].agreement = AgreementStatus(
            current_number=row["number"],
            current_since=row["since"],
            open_proposal=row["open_proposal"],
            next_review=next_review,
            review_due=bool(next_review and next_review <= now < next_review + REVIEW_GRACE),
            review_overdue=bool(next_review and now >= next_review + REVIEW_GRACE),
        )


def _add_pacing(summaries, couples, now) -> set[int]:
    """Set each couple's open tier; return the couples whose readiness lowered the tier
    in the last two weeks (the therapist's own ceiling is left out of that comparison)."""
    policies = {
        policy.couple_id: policy for policy in PacingPolicy.objects.filter(couple_id__in=couples)
    }
    rules = {}
    for couple_id, couple in couples.items():
        policy = policies.get(couple_id) or PacingPolicy()
        policy.couple = couple  # the zone comes from the couple already loaded
        rules[couple_id] = policy.as_gate_policy()
        summaries[couple_id].ceiling = policy.therapist_ceiling
    # Cached like every page's gate: the reports are read only for couples with a new one.
    results = gates_for(
        {
            couple_id: [
                (rule, now),
                (replace(rule, ceiling=None), now),
                (replace(rule, ceiling=None), now - READINESS_LOOKBACK),
            ]
            for couple_id, rule in rules.items()
        }
    )
    dropped = set()
    for couple_id, (capped, uncapped, before) in results.items():
        summaries[couple_id].tier = capped.tier
        if uncapped.tier < before.tier:
            dropped.add(couple_id)
    return dropped


def _safety_concerns(partners: dict[int, list[Membership]], now) -> set[int]:
    """Couples where a partner shared (by their own choice) a worrying safety answer."""
    member = {m.user_id: m for ms in partners.values() for m in ms}
    rows = SafetyCheck.objects.filter(
        user_id__in=member,
        share_with_therapist=True,
        answered_at__gte=now - SAFETY_WINDOW,
        afraid__in=[SafetyCheck.Answer.YES, SafetyCheck.Answer.SOMETIMES],
    ).values_list("user_id", "answered_at")
    # An answer given before joining this couple was meant for another therapist.
    return {
        member[user_id].couple_id
        for user_id, answered_at in rows
        if answered_at >= member[user_id].joined_at
    }


def _flags(summary: CoupleSummary, now, readiness_dropped: bool, safety: bool) -> list[Flag]:
    flags = []
    if safety:
        flags.append(Flag.SAFETY_SHARED)
    last = summary.last_checkin or summary.couple.created_at
    if last < now - NO_CHECKIN_AFTER:
        flags.append(Flag.NO_CHECKIN)
    if summary.trigger_trend == Trend.RISING:
        flags.append(Flag.TRIGGERS_RISING)
    if summary.agreement.review_overdue:
        flags.append(Flag.REVIEW_OVERDUE)
    if readiness_dropped:
        flags.append(Flag.READINESS_DROPPED)
    return flags
