"""What the therapist set for the couple, as the partners see it: the pace (a ceiling
on the exercise tiers) and suggested exercises. Shown on the exercises page and on
the partners' therapist page, with `{% include "therapists/_guidance.html" %}`."""

from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from pacing import gate
from pacing.models import TIER_NAMES, library_text
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


def guidance_for(couple, result: gate.GateResult, rules: gate.Policy) -> Guidance:
    """One query for the latest suggestions; the ceiling is the policy's the gate used
    (`pacing.models.gate_and_rules`)."""
    link = url_maker("pacing:exercise", "placeholder-slug")
    return Guidance(
        ceiling=rules.ceiling,
        ceiling_explained=result.reason == gate.Reason.CEILING,
        suggestions=[
            Suggested(
                title=library_text(title),
                href=link(slug) if result.opens(tier) else None,
                note=note,
                therapist=User.name_from(display_name, email),
                created_at=created_at,
            )
            for note, created_at, slug, title, tier, display_name, email in _latest_suggestions(
                couple
            )
        ],
    )


def _latest_suggestions(couple):
    """The couple's latest suggestions (newest first, as `ExerciseSuggestion.objects
    .for_couple` orders them) with what is shown of the exercise and the therapist."""
    return (
        ExerciseSuggestion.objects.filter(couple=couple)
        .order_by("-created_at", "-pk")
        .values_list(
            "note",
            "created_at",
            "exercise__slug",
            "exercise__title",
            "exercise__tier",
            "therapist__display_name",
            "therapist__email",
        )[:SUGGESTIONS_SHOWN]
    )
