"""Evidence, kindly: occurrences both partners marked "we did it", counted as wins.

A missed or skipped occurrence is never counted against anyone: only what was kept is
shown. Two queries whatever the length of the history (the rituals, then the "we did
it" marks as plain values); never a feeling.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count

from .models import Mark, Outcome, Ritual, Status
from .schedule import longest_run

# Wins are counted over the last two years: enough for any run worth celebrating, and
# the rows read stay bounded however long a couple keeps a ritual.
LOOKBACK = timedelta(weeks=104)


@dataclass(frozen=True)
class RitualEvidence:
    pk: int
    name: str
    status: str
    status_label: str
    rhythm_label: str
    kept: int  # occurrences both marked "we did it", ever
    kept_this_month: int
    longest_run: int


def both_did(couple_id: int, since: date) -> dict[int, set[date]]:
    """For each ritual, the days from `since` both partners marked "we did it"."""
    marks = Mark.objects.of_couple(couple_id).filter(outcome=Outcome.DID, occurrence__gte=since)
    rows = (
        marks.values("ritual_id", "occurrence")
        .annotate(people=Count("person_id", distinct=True))
        .filter(people__gte=2)
        .values_list("ritual_id", "occurrence")
        .order_by()
    )
    days = defaultdict(set)
    for ritual_id, occurrence in rows:
        days[ritual_id].add(occurrence)
    return days


def evidence(couple, now: datetime, rituals: list[Ritual] | None = None) -> list[RitualEvidence]:
    """Each agreed ritual's wins (`rituals`: the couple's, when already read)."""
    if rituals is None:
        rituals = list(Ritual.objects.of_couple(couple.pk).select_related("exercise"))
    rituals = sorted((r for r in rituals if r.accepted_at is not None), key=lambda r: r.pk)
    since = (now - LOOKBACK).date()
    kept = both_did(couple.pk, since)
    found = []
    for ritual in rituals:
        schedule = ritual.schedule
        today = schedule.today(now)
        last = ritual.ended_at.astimezone(ritual.zone).date() if ritual.ended_at else today
        days = kept.get(ritual.pk, set())
        month_start = today.replace(day=1)
        found.append(
            RitualEvidence(
                pk=ritual.pk,
                name=ritual.name,
                status=ritual.status,
                status_label=ritual.get_status_display(),
                rhythm_label=ritual.get_rhythm_display(),
                kept=len(days),
                kept_this_month=sum(1 for day in days if day >= month_start),
                longest_run=longest_run(
                    [day in days for day in schedule.between(max(ritual.starts_on, since), last)]
                ),
            )
        )
    return found


@dataclass(frozen=True)
class Summary:
    kept_this_month: int
    longest_run: int
    longest_run_name: str
    going: int


def summary(couple, now: datetime, rituals: list[Ritual] | None = None) -> Summary | None:
    """The together page's line: rituals kept this month and the longest run."""
    found = evidence(couple, now, rituals)
    if not found:
        return None
    best = max(found, key=lambda item: item.longest_run)
    return Summary(
        kept_this_month=sum(item.kept_this_month for item in found),
        longest_run=best.longest_run,
        longest_run_name=best.name if best.longest_run else "",
        going=sum(1 for item in found if item.status in (Status.ACTIVE, Status.PAUSED)),
    )


def today(membership, now: datetime) -> dict:
    """For the together page: suggestions waiting for this person, and the evidence."""
    rituals = list(Ritual.objects.visible_to(membership).select_related("exercise"))
    waiting = [
        ritual
        for ritual in rituals
        if ritual.status == Status.PROPOSED and ritual.proposed_by_id != membership.user_id
    ]
    return {"waiting": waiting, "summary": summary(membership.couple, now, rituals)}
