"""What the therapist set for the couple, as the partners see it: the pace (a ceiling
on the exercise tiers) and suggested exercises. Shown on the exercises page and on
the partners' therapist page, with `{% include "therapists/_guidance.html" %}`."""

from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from pacing import gate
from pacing.models import TIER_NAMES, Exercise, PacingPolicy
from recovery.links import url_maker

from .models import ExerciseSuggestion

SUGGESTIONS_SHOWN = 5


@dataclass(frozen=True)
class Suggested:
    title: str
    href: str | None  # only in an open tier: a suggestion never opens a tier
    note: str
    therapist: str
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.href is not None


@dataclass(frozen=True)
class Guidance:
    ceiling: int | None
    # The gate's own explanation already says the therapist holds the pace.
    ceiling_explained: bool
    suggestions: list[Suggested]

    @property
    def ceiling_name(self) -> str:
        return TIER_NAMES[self.ceiling] if self.ceiling is not None else ""

    @property
    def show_pace(self) -> bool:
        return self.ceiling is not None and not self.ceiling_explained

    @property
    def is_empty(self) -> bool:
        return not self.show_pace and not self.suggestions


def guidance_for(couple, result: gate.GateResult, rules: gate.Policy | None = None) -> Guidance:
    """One query for the latest suggestions, and one for the ceiling unless the policy
    the gate used (`pacing.models.gate_and_rules`) is given."""
    if rules is None:
        ceiling = (
            PacingPolicy.objects.filter(couple=couple)
            .values_list("therapist_ceiling", flat=True)
            .first()
        )
    else:
        ceiling = rules.ceiling
    link = url_maker("pacing:exercise", "placeholder-slug")
    return Guidance(
        ceiling=ceiling,
        ceiling_explained=result.reason == gate.Reason.CEILING,
        suggestions=[
            Suggested(
                title=row.exercise_title,
                href=link(row.exercise_slug) if result.opens(row.exercise_tier) else None,
                note=row.note,
                therapist=row.therapist_name,
                created_at=row.created_at,
            )
            for row in _latest_suggestions(couple)
        ],
    )


def _latest_suggestions(couple):
    """The couple's latest suggestions (as `ExerciseSuggestion.objects.for_couple` in
    its order) with what is shown of the exercise and the therapist. Written out in SQL:
    the exercises page runs this on every view, and the ORM took longer to build the
    query than the database takes to answer it. The therapist is named as
    `User.__str__` names people."""
    return ExerciseSuggestion.objects.raw(
        f"""
        SELECT suggestion.id, suggestion.note, suggestion.created_at,
            exercise.slug AS exercise_slug, exercise.title AS exercise_title,
            exercise.tier AS exercise_tier,
            COALESCE(NULLIF(therapist.display_name, ''), therapist.email) AS therapist_name
        FROM {ExerciseSuggestion._meta.db_table} AS suggestion
        JOIN {Exercise._meta.db_table} AS exercise ON exercise.id = suggestion.exercise_id
        JOIN {User._meta.db_table} AS therapist ON therapist.id = suggestion.therapist_id
        WHERE suggestion.couple_id = %s
        ORDER BY suggestion.created_at DESC, suggestion.id DESC
        LIMIT %s
        """,
        [couple.pk, SUGGESTIONS_SHOWN],
    )
