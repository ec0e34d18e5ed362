"""What the therapist set for the couple, as the partners see it: the pace (a ceiling
on the exercise tiers) and suggested exercises. Shown on the exercises page and on
the partners' therapist page, with `{% include "therapists/_guidance.html" %}`."""

from dataclasses import dataclass

from pacing import gate
from pacing.models import TIER_NAMES, PacingPolicy

from .models import ExerciseSuggestion

SUGGESTIONS_SHOWN = 5


@dataclass(frozen=True)
class Suggested:
    suggestion: ExerciseSuggestion
    is_open: bool  # a suggestion never opens a tier: closed stays closed


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


def guidance_for(couple, result: gate.GateResult) -> Guidance:
    """Two queries: the ceiling and the latest suggestions."""
    ceiling = (
        PacingPolicy.objects.filter(couple=couple)
        .values_list("therapist_ceiling", flat=True)
        .first()
    )
    suggestions = ExerciseSuggestion.objects.for_couple(couple)[:SUGGESTIONS_SHOWN]
    return Guidance(
        ceiling=ceiling,
        ceiling_explained=result.reason == gate.Reason.CEILING,
        suggestions=[Suggested(s, s.exercise.tier <= result.tier) for s in suggestions],
    )
