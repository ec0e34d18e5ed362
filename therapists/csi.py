"""The Couples Satisfaction Index, 4-item form (CSI-4).

Source: Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item response
theory: Increasing precision of measurement for relationship satisfaction with the
Couples Satisfaction Index. Journal of Family Psychology, 21(4), 572–583.
https://doi.org/10.1037/0893-3200.21.4.572 — the authors make the CSI free to use.

Scoring as published: the four item scores are summed (item 1 is 0–6, items 2–4 are
0–5), so totals run from 0 to 21; totals below 13.5 indicate notable relationship
dissatisfaction. Plain data and arithmetic (only the wording is translated), so
the scoring is easy to test on its own.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

CUTOFF = 13.5
MAX_TOTAL = 21


@dataclass(frozen=True)
class Item:
    field: str
    question: str
    choices: tuple[tuple[int, str], ...]

    @property
    def highest(self) -> int:
        return self.choices[-1][0]


_AGREEMENT = (
    (0, _("Not at all true")),
    (1, _("A little true")),
    (2, _("Somewhat true")),
    (3, _("Mostly true")),
    (4, _("Almost completely true")),
    (5, _("Completely true")),
)
_AMOUNT = (
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("Somewhat")),
    (3, _("Mostly")),
    (4, _("Almost completely")),
    (5, _("Completely")),
)

ITEMS = (
    Item(
        "happiness",
        _("Please indicate the degree of happiness, all things considered, of your relationship."),
        (
            (0, _("Extremely unhappy")),
            (1, _("Fairly unhappy")),
            (2, _("A little unhappy")),
            (3, _("Happy")),
            (4, _("Very happy")),
            (5, _("Extremely happy")),
            (6, _("Perfect")),
        ),
    ),
    Item("warmth", _("I have a warm and comfortable relationship with my partner."), _AGREEMENT),
    Item("rewarding", _("How rewarding is your relationship with your partner?"), _AMOUNT),
    Item("satisfaction", _("In general, how satisfied are you with your relationship?"), _AMOUNT),
)
FIELDS = tuple(item.field for item in ITEMS)


def score(answers: dict[str, int]) -> int:
    """The CSI-4 total; raises ValueError for a missing or out-of-range answer."""
    total = 0
    for item in ITEMS:
        value = answers.get(item.field)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= item.highest:
            raise ValueError(f"{item.field} must be a whole number from 0 to {item.highest}")
        total += value
    return total


def below_cutoff(total: int) -> bool:
    """True when the total suggests notable relationship dissatisfaction."""
    return total < CUTOFF


def period_of(day: date) -> str:
    """The CSI is offered once a month; a month is its period ("2026-11")."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month_start(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_of(period: str) -> date:
    year, month = period.split("-")
    return date(int(year), int(month), 1)
