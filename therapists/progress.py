"""One couple's progress as their therapist may see it (the couple page).

Each section is a fixed handful of queries over a fixed span of time, so the page
costs the same whatever the length of the history. What is read is only what the
therapist may see ("Who sees what" in DESIGN.md): answers of revealed weeks,
shared triggers, readiness numbers (never the notes), agreement versions and
reviews, exercises done with the safety rating of each reflection (never its
text), and safety check answers their author chose to share.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg, Count
from django.db.models.functions import Least, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership, SafetyCheck
from agreements.models import Agreement, ClauseReview, Version, couple_today
from checkins import weeks
from checkins.models import RATINGS, Answer
from pacing import gate
from pacing.models import (
    TIER_NAMES,
    ExerciseSession,
    FalseConnectionCheck,
    PacingPolicy,
    ReadinessReport,
    Reflection,
    library_text,
)
from recovery import charts
from triggers.models import INTENSITY_MAX, Category, Trigger

CHECKIN_WEEKS = 26
TRIGGER_WEEKS = 12
READINESS_WEEKS = 12
READINESS_ROWS = 10
FALSE_CONNECTION_ROWS = 20
VERSIONS_SHOWN = 10
REVIEWS_SHOWN = 6
SESSIONS_SHOWN = 15
SAFETY_ROWS = 6


@dataclass(frozen=True)
class Chart:
    """A line chart with its one-sentence description and a table alternative."""

    title: str
    chart: charts.LineChart
    description: str
    columns: list[str]
    rows: list[tuple[date, list]]


def _week_axis(now: datetime, zone, count: int) -> list[date]:
    current = weeks.week_start_for(now, zone)
    return [current - weeks.WEEK * back for back in reversed(range(count))]


def _describe(title: str, series, count: int) -> str:
    parts = [
        ngettext("%(title)s, this week.", "%(title)s, over the last %(count)s weeks.", count)
        % {"title": title, "count": count}
    ]
    for _key, name, values in series:
        known = [round(v, 1) for v in values if v is not None]
        if known:
            parts.append(
                _("%(name)s: from %(first)s to %(last)s.")
                % {"name": name, "first": known[0], "last": known[-1]}
            )
        else:
            parts.append(_("%(name)s: nothing yet.") % {"name": name})
    return " ".join(parts)


def _line_chart(title, axis: list[date], series, max_value=10) -> Chart:
    table = [(day, [values[i] for _k, _n, values in series]) for i, day in enumerate(axis)]
    return Chart(
        title=title,
        chart=charts.line_chart(axis, series, max_value=max_value),
        description=_describe(title, series, len(axis)),
        columns=[name for _key, name, _values in series],
        rows=[
            (day, [charts.table_number(v) for v in row])
            for day, row in table
            if any(v is not None for v in row)
        ],
    )


def checkin_charts(couple, partners: list[Membership], now) -> list[Chart]:
    """Both partners' ratings, week by week, from revealed weeks only. One query."""
    axis = _week_axis(now, couple.zone, CHECKIN_WEEKS)
    rows = (
        Answer.objects.revealed()
        .filter(checkin__couple=couple, checkin__week_start__gte=axis[0])
        .values("checkin__week_start", "author_id", *[name for name, _l, _q in RATINGS])
    )
    values = {(row["checkin__week_start"], row["author_id"]): row for row in rows}
    figures = []
    for name, label, _question in RATINGS:
        series = [
            (m.role, str(m.user), [values.get((day, m.user_id), {}).get(name) for day in axis])
            for m in partners
        ]
        figures.append(_line_chart(str(label), axis, series))
    return figures


@dataclass(frozen=True)
class TriggerSummary:
    axis: list[date]
    counts: charts.BarChart
    counts_description: str
    intensity: Chart
    rows: list[tuple[date, int, float | None]]
    by_category: list[tuple[str, int]]
    total: int

    @property
    def table(self) -> charts.Table:
        return charts.Table(
            caption=_("Shared triggers per week"),
            columns=[_("Week of"), _("Triggers"), _("Average intensity")],
            rows=[(day, count, charts.one_decimal(average)) for day, count, average in self.rows],
            head_format="j M Y",
        )


def trigger_summary(couple, now) -> TriggerSummary:
    """Shared triggers only: how many each week and how strong. Two GROUP BY queries."""
    axis = _week_axis(now, couple.zone, TRIGGER_WEEKS)
    start = weeks.week_starts_at(axis[0], couple.zone)
    entries = Trigger.objects.shared().filter(couple=couple, occurred_at__gte=start).order_by()
    weekly = {
        timezone.localtime(row["week"], couple.zone).date(): (row["n"], row["average"])
        for row in entries.annotate(week=TruncWeek("occurred_at", tzinfo=couple.zone))
        .values("week")
        .annotate(n=Count("pk"), average=Avg("intensity"))
    }
    categories = dict(entries.values_list("category").annotate(n=Count("pk")))
    counts = [weekly.get(day, (0, None))[0] for day in axis]
    averages = [weekly.get(day, (0, None))[1] for day in axis]
    return TriggerSummary(
        axis=axis,
        counts=charts.bar_chart(list(zip(axis, counts, strict=True)), label_format="j M"),
        counts_description=ngettext(
            "Shared triggers per week: %(total)s in the last %(weeks)s weeks.",
            "Shared triggers per week: %(total)s in the last %(weeks)s weeks.",
            sum(counts),
        )
        % {"total": sum(counts), "weeks": len(axis)},
        intensity=_line_chart(
            _("Average intensity"),
            axis,
            [("shared", _("Shared triggers"), averages)],
            max_value=INTENSITY_MAX,
        ),
        rows=[
            (day, n, avg)
            for day, (n, avg) in zip(axis, zip(counts, averages, strict=True), strict=True)
            if n
        ],
        by_category=[
            (str(label), categories[value])
            for value, label in Category.choices
            if categories.get(value)
        ],
        total=sum(counts),
    )


@dataclass(frozen=True)
class ReadinessSummary:
    tier: int
    tier_name: str
    reason: gate.Reason
    ceiling: int | None
    chart: Chart
    latest: list[dict]


def readiness_summary(couple, partners: list[Membership], now) -> ReadinessSummary:
    """The open tier, the ceiling and the readiness numbers. Never the private notes:
    only number columns are read from the database."""
    policy = PacingPolicy.for_couple(couple)
    policy.couple = couple
    result = gate.open_tier(
        ReadinessReport.objects.gate_reports(couple, now), policy.as_gate_policy(), now
    )
    axis = _week_axis(now, couple.zone, READINESS_WEEKS)
    recent = ReadinessReport.objects.filter(
        couple=couple,
        created_at__gte=weeks.week_starts_at(axis[0], couple.zone),
        created_at__lte=now,
    ).order_by()
    weekly = {
        (timezone.localtime(row["week"], couple.zone).date(), row["author_id"]): row["average"]
        for row in recent.annotate(week=TruncWeek("created_at", tzinfo=couple.zone))
        .values("week", "author_id")
        .annotate(average=Avg(Least("closeness_safety", "body_settled")))
    }
    latest = list(
        recent.order_by("-created_at", "-pk").values(
            "created_at", "author_id", "closeness_safety", "body_settled"
        )[:READINESS_ROWS]
    )
    names = {m.user_id: str(m.user) for m in partners}
    for row in latest:
        row["name"] = names.get(row["author_id"], _("A former partner"))
        row["readiness"] = min(row["closeness_safety"], row["body_settled"])
    series = [
        (m.role, str(m.user), [weekly.get((day, m.user_id)) for day in axis]) for m in partners
    ]
    return ReadinessSummary(
        tier=result.tier,
        tier_name=TIER_NAMES[result.tier],
        reason=result.reason,
        ceiling=policy.therapist_ceiling,
        chart=_line_chart(
            _("Readiness, the lower of the two answers (weekly average)"), axis, series
        ),
        latest=latest,
    )


def false_connection_checks(couple, partners: list[Membership], now) -> list:
    """Both partners' latest false-connection checks, newest first, with who answered
    (one query, whatever the history). Only for a therapist with consent: the partner
    never sees the other's answers."""
    names = {m.user_id: str(m.user) for m in partners}
    rows = list(
        FalseConnectionCheck.objects.for_therapist(couple)
        .filter(created_at__lte=now)
        .order_by("-created_at", "-pk")[:FALSE_CONNECTION_ROWS]
    )
    for row in rows:
        row.name = names.get(row.author_id, _("A former partner"))
    return rows


@dataclass(frozen=True)
class AgreementSummary:
    agreement: Agreement | None
    versions: list[Version]
    open_proposal: Version | None
    reviews: list
    next_review: datetime | None
    clauses_due: list[ClauseReview]  # parts of the version in force due for a look


def agreement_summary(couple, now: datetime) -> AgreementSummary:
    """Versions in force (with who accepted them and when), the open proposal, the
    completed reviews and the parts due for review. Never creates an agreement."""
    agreement = Agreement.objects.filter(couple=couple).select_related("current_version").first()
    if agreement is None:
        return AgreementSummary(None, [], None, [], None, [])
    versions = agreement.versions.filter(number__isnull=False).for_history()[:VERSIONS_SHOWN]
    current = agreement.current_version
    return AgreementSummary(
        agreement=agreement,
        versions=list(versions),
        open_proposal=agreement.open_proposal(),
        reviews=list(agreement.reviews.completed()[:REVIEWS_SHOWN]),
        next_review=agreement.next_review_due(),
        clauses_due=current.clauses_due(couple_today(couple, now)) if current else [],
    )


@dataclass(frozen=True)
class ExerciseDone:
    title: str
    tier: int
    completed_at: datetime
    safety: list[int | None]  # one per partner, in the partners' order


def exercises_done(couple, partners: list[Membership]) -> tuple[list[ExerciseDone], int]:
    """Recently completed exercises with each partner's reflection safety rating; the
    reflections' own words are never read. Three queries."""
    done = ExerciseSession.objects.filter(couple=couple, completed_at__isnull=False)
    sessions = list(
        done.order_by("-completed_at", "-pk").values(
            "pk", "completed_at", "exercise__title", "exercise__tier"
        )[:SESSIONS_SHOWN]
    )
    ratings = {
        (session_id, author_id): safety
        for session_id, author_id, safety in Reflection.objects.filter(
            session_id__in=[s["pk"] for s in sessions]
        ).values_list("session_id", "author_id", "safety")
    }
    rows = [
        ExerciseDone(
            title=library_text(s["exercise__title"]),
            tier=s["exercise__tier"],
            completed_at=s["completed_at"],
            safety=[ratings.get((s["pk"], m.user_id)) for m in partners],
        )
        for s in sessions
    ]
    return rows, done.count()


def shared_safety_checks(couple, partners: list[Membership]) -> list[dict]:
    """Safety check answers a partner chose to let their therapist see. One query."""
    names = {m.user_id: str(m.user) for m in partners}
    rows = list(
        SafetyCheck.objects.shared_with_therapist_of(couple)
        .order_by("-answered_at")
        .values("user_id", "afraid", "answered_at")[:SAFETY_ROWS]
    )
    labels = dict(SafetyCheck.Answer.choices)
    for row in rows:
        row["name"] = names[row["user_id"]]
        row["answer"] = labels.get(row["afraid"], row["afraid"])
        row["needs_support"] = row["afraid"] in SafetyCheck.NEEDS_SUPPORT
    return rows


REPAIRS_SHOWN = 5


@dataclass(frozen=True)
class RepairSummary:
    coming_back: object  # repair.measure.ComingBack
    finished: int  # repairs both partners finished in the last 12 weeks
    repairs: list  # the latest finished repairs, each with .revealed_sides


def repair_summary(couple, partners: list[Membership], now) -> RepairSummary:
    """Finished repairs only: the time to come back, and both sides as revealed to
    the couple. A side is read only through `RepairSide.objects.revealed()`, so an
    unfinished one never reaches this page. Three queries."""
    from repair.measure import coming_back
    from repair.models import Repair, RepairSide

    repairs = list(Repair.objects.completed().filter(couple=couple)[:REPAIRS_SHOWN])
    sides = RepairSide.objects.revealed().filter(repair__in=repairs)
    order = {m.user_id: index for index, m in enumerate(partners)}
    names = {m.user_id: str(m.user) for m in partners}
    by_repair: dict[int, list] = {}
    for side in sides:
        side.name = names.get(side.author_id, _("A former partner"))
        by_repair.setdefault(side.repair_id, []).append(side)
    for repair in repairs:
        repair.revealed_sides = sorted(
            by_repair.get(repair.pk, []), key=lambda s: order.get(s.author_id, 9)
        )
    measure = coming_back(couple, now)
    return RepairSummary(coming_back=measure, finished=measure.quarter_count, repairs=repairs)
