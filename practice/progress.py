"""What the pages gather about practices, in a fixed number of queries."""

from django.db.models import Prefetch

from accounts.models import Couple, Membership
from pacing.models import gate_for

from .models import AgendaItem, Practice, PracticeMark, this_week

PRACTICES_SHOWN = 20
TODAY_SHOWN = 3


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
