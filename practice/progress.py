"""What the pages gather about practices, in a fixed number of queries."""

from datetime import date

from django.db.models import Count, Prefetch, Q

from accounts.models import Couple, Membership
from pacing.models import gate_for

from .models import AgendaItem, ForWhom, Outcome, Practice, PracticeMark, this_week

PRACTICES_SHOWN = 20
TODAY_SHOWN = 3
COMPLETION_WEEKS = 4  # the therapist's list: practices due in the last four weeks


def completion_counts(windows: dict[int, tuple[date, date]]) -> dict[int, tuple[int, int, int]]:
    """For the therapist's list: for each couple, over the practices due in its window
    (first and last week, both included), how many marks they asked for (one per
    partner they are for), how many are "done" and how many "found it hard". One
    query; only the marks themselves are read, never their lines."""
    if not windows:
        return {}
    rows = (
        Practice.objects.filter(
            couple_id__in=list(windows),
            due_week__gte=min(first for first, _last in windows.values()),
            due_week__lte=max(last for _first, last in windows.values()),
        )
        .values_list("couple_id", "due_week", "for_whom")
        .annotate(
            practices=Count("pk", distinct=True),
            done=Count("marks", filter=Q(marks__outcome=Outcome.DONE)),
            hard=Count("marks", filter=Q(marks__outcome=Outcome.HARD)),
        )
        .order_by()
    )
    counts = {}
    for couple_id, due_week, for_whom, practices, done, hard in rows:
        first, last = windows[couple_id]
        if not first <= due_week <= last:
            continue
        asked, was_done, was_hard = counts.get(couple_id, (0, 0, 0))
        asked += practices * (2 if for_whom == ForWhom.BOTH else 1)
        counts[couple_id] = (asked, was_done + done, was_hard + hard)
    return counts


def completion(couple: Couple, result=None) -> list[dict]:
    """The latest practices, each with every partner it is for and their mark (the
    therapist's view: marks with their lines), newest week first."""
    partners = list(Membership.objects.active().filter(couple=couple).select_related("user"))
    practices = (
        Practice.objects.for_therapist(couple)
        .select_related("exercise")
        .prefetch_related(Prefetch("marks", queryset=PracticeMark.objects.order_by("pk")))
    )[:PRACTICES_SHOWN]
    result = result or gate_for(couple)
    rows = []
    for practice in practices:
        marks = {m.person_id: m for m in practice.marks.all()}
        rows.append(
            {
                "practice": practice,
                "is_open": practice.gate_allows(result),
                "people": [
                    (member, marks.get(member.user_id))
                    for member in partners
                    if practice.is_for(member.role)
                ],
            }
        )
    return rows


def today(membership: Membership, now, result=None) -> dict:
    """For Today and the together page: this week's and coming practices meant for me,
    with my mark; and how many items I have on the open agenda."""
    practices = list(
        Practice.objects.visible_to(membership)
        .filter(due_week__gte=this_week(membership.couple, now))
        .select_related("exercise")
        .prefetch_related(
            Prefetch(
                "marks",
                queryset=PracticeMark.objects.filter(person=membership.user),
                to_attr="my_marks",
            )
        )
        .order_by("due_week", "pk")[:TODAY_SHOWN]
    )
    agenda_items = AgendaItem.objects.visible_to(membership).filter(agenda__closed_at__isnull=True)
    # The gate is read only when a practice builds on an exercise.
    if result is None and any(p.exercise_id for p in practices):
        result = gate_for(membership.couple, now)
    return {
        "practices": [
            (p, p.gate_allows(result), p.my_marks[0] if p.my_marks else None) for p in practices
        ],
        "agenda_count": agenda_items.count(),
    }
