"""The therapist's list of couples, summarised for one screen, a page at a time.

The order of the list takes all of the therapist's couples into account, so what it
needs (names, the last check-in, the flags) is read for all of them: a few queries
of one row per couple, grouped in the database (or, for the pacing gate,
`pacing.models.gates_for`: cached results, and the reports only of couples with a
new one). The weekly ratings behind the trend lines are read only for the couples
shown (`add_trends`). So the number of queries is the same for 5 couples as for
200, however long their history.

Only what the therapist may see is read: check-in answers of revealed weeks,
shared triggers, readiness numbers (never the notes), CSI-4 totals, and safety
check answers their author chose to share.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, TextChoices
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, Role, SafetyCheck
from agreements.models import REVIEW_INTERVAL, Review, Version
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing import gate
from pacing.models import TIER_NAMES, PacingPolicy, gates_for
from triggers.models import Trigger

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
REVIEW_GRACE = timedelta(days=7)
READINESS_LOOKBACK = timedelta(days=14)
SAFETY_WINDOW = timedelta(days=30)
RATINGS = [("safety", _("Safety")), ("trust", _("Trust")), ("connection", _("Connection"))]
POLICY_FIELDS = [
    f.attname for f in PacingPolicy._meta.concrete_fields if f.name not in ("id", "couple")
]


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
    flags: list[Flag] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " & ".join(p.name for p in self.partners)

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


def couples_of(therapist, now: datetime) -> list[CoupleSummary]:
    """Every couple sharing with `therapist` now, with its flags and what the sorts
    need; `add_trends` completes the summaries that are shown."""
    summaries, rules = _listed(therapist, now)
    if not summaries:
        return []
    _add_partners(summaries)
    _add_triggers(summaries, now)
    dropped = _add_pacing(summaries, rules, now)
    for couple_id, summary in summaries.items():
        summary.flags = _flags(summary, now, couple_id in dropped)
    return list(summaries.values())


def add_trends(summaries: list[CoupleSummary], now: datetime) -> None:
    """Check-ins kept and each partner's rating trend lines, for the couples shown
    (one query: the revealed answers of their last LONG_WEEKS weeks)."""
    if not summaries:
        return
    first = {
        s.couple_id: weeks.week_start_for(now, s.zone) - weeks.WEEK * (LONG_WEEKS - 1)
        for s in summaries
    }
    rows = (
        Answer.objects.revealed()
        .filter(_since("checkin__couple_id", "checkin__week_start", first))
        .values_list(
            "checkin__couple_id", "author_id", "checkin__week_start", *[f for f, _ in RATINGS]
        )
        .order_by()
    )
    series: dict[tuple[int, int], dict[str, list]] = {}
    kept: dict[int, set[int]] = defaultdict(set)
    for couple_id, author_id, week_start, *values in rows:
        slot = (week_start - first[couple_id]).days // 7
        if not 0 <= slot < LONG_WEEKS:
            continue
        kept[couple_id].add(slot)  # a revealed week has both partners' answers
        ratings = series.setdefault(
            (couple_id, author_id), {f: [None] * LONG_WEEKS for f, _ in RATINGS}
        )
        for (name, _label), value in zip(RATINGS, values, strict=True):
            ratings[name][slot] = value
    for summary in summaries:
        slots = kept[summary.couple_id]
        summary.kept_long = len(slots)
        summary.kept_short = sum(slot >= LONG_WEEKS - SHORT_WEEKS for slot in slots)
        for partner in summary.partners:
            partner.ratings = _rating_trends(series.get((summary.couple_id, partner.user_id), {}))


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


def _rating_trends(series: dict[str, list]) -> list[RatingTrend]:
    trends = []
    for name, label in RATINGS:
        values = series.get(name, [None] * LONG_WEEKS)
        known = [value for value in values if value is not None]
        trends.append(RatingTrend(label, known[-1] if known else None, sparkline(values)))
    return trends


def _shared_safety_concern():
    """When a current partner of the outer couple last answered the safety check in a
    worrying way and chose to share it with the therapist. An answer given before
    joining this couple was meant for another therapist."""
    return Subquery(
        SafetyCheck.objects.filter(
            user__memberships__couple_id=OuterRef("couple_id"),
            user__memberships__left_at__isnull=True,
            answered_at__gte=F("user__memberships__joined_at"),
        )
        .filter(
            share_with_therapist=True,
            afraid__in=[SafetyCheck.Answer.YES, SafetyCheck.Answer.SOMETIMES],
        )
        .order_by("-answered_at")
        .values("answered_at")[:1]
    )


# The couples with access, with when access began, the last check-in, the agreement's
# state, the last shared safety concern and the pacing policy. Putting a query of this
# shape together costs several times more than running it, and only the therapist
# changes between requests (nothing in it depends on the time), so it is built once
# and each request filters a copy, as a class-based view does with its `queryset`.
LISTING = (
    TherapistLink.objects.with_access()
    .with_access_since()
    .annotate(
        last_checkin=Subquery(
            CheckIn.objects.filter(couple_id=OuterRef("couple_id"), revealed_at__isnull=False)
            .order_by("-revealed_at")
            .values("revealed_at")[:1]
        ),
        last_review=Subquery(
            Review.objects.filter(
                agreement__couple_id=OuterRef("couple_id"), completed_at__isnull=False
            )
            .order_by("-completed_at")
            .values("completed_at")[:1]
        ),
        open_proposal=Exists(
            Version.objects.filter(
                agreement__couple_id=OuterRef("couple_id"), status=Version.Status.OPEN
            )
        ),
        safety_concern_at=_shared_safety_concern(),
    )
    .values_list(
        "couple_id",
        "couple__timezone",
        "couple__created_at",
        "access_since",
        "last_checkin",
        "couple__agreement__current_version__number",
        "couple__agreement__current_version__took_effect_at",
        "last_review",
        "open_proposal",
        "safety_concern_at",
        "couple__pacing_policy__id",
        "label",
        *[f"couple__pacing_policy__{name}" for name in POLICY_FIELDS],
    )
    .order_by()
)


def _listed(therapist, now) -> tuple[dict[int, CoupleSummary], dict[int, gate.Policy]]:
    summaries, rules, known_rules = {}, {}, {}
    for row in LISTING.filter(therapist=therapist):
        couple_id, timezone, created_at, access_since, last_checkin = row[:5]
        number, since, last_review, open_proposal, concern_at, policy_id, label = row[5:12]
        policy = dict(zip(POLICY_FIELDS, row[12:], strict=True)) if policy_id else {}
        summaries[couple_id] = CoupleSummary(
            couple_id=couple_id,
            zone=ZoneInfo(timezone),
            created_at=created_at,
            label=label,
            access_since=access_since,
            last_checkin=last_checkin,
            agreement=_agreement_status(number, since, last_review, open_proposal, now),
            ceiling=policy.get("therapist_ceiling"),
            safety_shared=bool(concern_at and concern_at >= now - SAFETY_WINDOW),
        )
        # Most couples keep the default policy: one gate policy per time zone.
        key = (timezone, *policy.values())
        if key not in known_rules:
            unsaved = PacingPolicy(couple=Couple(timezone=timezone), **policy)
            known_rules[key] = unsaved.as_gate_policy()
        rules[couple_id] = known_rules[key]
    return summaries, rules


def _agreement_status(number, since, last_review, open_proposal, now) -> AgreementStatus:
    settled = max(filter(None, [since, last_review]), default=None)
    next_review = settled + REVIEW_INTERVAL if settled else None
    return AgreementStatus(
        current_number=number,
        current_since=since,
        open_proposal=open_proposal,
        next_review=next_review,
        review_due=bool(next_review and next_review <= now < next_review + REVIEW_GRACE),
        review_overdue=bool(next_review and now >= next_review + REVIEW_GRACE),
    )


# Each couple's current partners (the hurt partner first) with their latest CSI-4
# total; built once, like LISTING.
PARTNERS = (
    Membership.objects.active()
    .annotate(
        csi_total=Subquery(
            CsiResponse.objects.filter(
                couple_id=OuterRef("couple_id"), partner_id=OuterRef("user_id")
            )
            .order_by("-period")
            .values("total")[:1]
        )
    )
    .values_list("couple_id", "user_id", "role", "user__display_name", "user__email", "csi_total")
    .order_by("role")
)


def _add_partners(summaries) -> None:
    for couple_id, user_id, role, display_name, email, csi_total in PARTNERS.filter(
        couple_id__in=summaries
    ):
        summaries[couple_id].partners.append(
            # The name as User.__str__ gives it.
            PartnerSummary(user_id, display_name or email, role, csi_total)
        )


# Shared triggers by couple; built once, like LISTING.
SHARED_TRIGGERS = Trigger.objects.shared().values("couple_id").order_by()


def _add_triggers(summaries, now) -> None:
    window_start = now - TRIGGER_WINDOW
    recent = Q(occurred_at__gte=window_start)
    rows = (
        SHARED_TRIGGERS.filter(
            couple_id__in=summaries,
            occurred_at__gte=window_start - TRIGGER_BASELINE,
            occurred_at__lte=now,
        )
        .annotate(
            recent=Count("pk", filter=recent),
            recent_avg=Avg("intensity", filter=recent),
            before_avg=Avg("intensity", filter=~recent),
        )
        .values_list("couple_id", "recent", "recent_avg", "before_avg")
    )
    for couple_id, count, recent_avg, before_avg in rows:
        summary = summaries[couple_id]
        summary.triggers_recent = count
        summary.intensity_recent = recent_avg
        summary.intensity_before = before_avg


def _add_pacing(summaries, rules, now) -> set[int]:
    """Set each couple's open tier; return the couples whose readiness lowered the tier
    in the last two weeks (the therapist's own ceiling is left out of that comparison)."""
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
    dropped = set()
    for couple_id, (current, before, *capped) in gates_for(wanted).items():
        summaries[couple_id].tier = (capped or [current])[0].tier
        if current.tier < before.tier:
            dropped.add(couple_id)
    return dropped


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
