"""Tiny trend lines on the therapist's list of couples: line charts without axes,
drawn by the project's one line chart (`templates/charts/_line_chart.html`).

A week without a value breaks the line rather than joining across the gap; the
latest value gets a dot so the eye lands on "now".
"""

from dataclasses import dataclass, field
from functools import lru_cache

from recovery.charts import Line, LineChart

WIDTH = 48
HEIGHT = 18
PAD = 2.5


@dataclass(frozen=True)
class Sparkline(LineChart):
    values: list[int | float] = field(default_factory=list)  # known values, oldest first

    @property
    def is_empty(self) -> bool:
        return not self.values

    @property
    def values_text(self) -> str:
        """The known values, for the text alternative."""
        return ", ".join(map(str, self.values))


@lru_cache(maxsize=1024)
def _point(slots: int, index: int, value: float, max_value: float) -> str:
    """Where a value goes, as "x y": the same few points recur on every line (a dozen
    weeks, ratings 0 to 10), so each is worked out once."""
    step = (WIDTH - 2 * PAD) / (slots - 1) if slots > 1 else 0
    x = round(PAD + index * step, 2) if slots > 1 else WIDTH / 2
    y = round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * min(value, max_value) / max_value, 2)
    return f"{x} {y}"


def sparkline(values: list[float | None], max_value: float = 10) -> Sparkline:
    """One point per slot of `values` (None for a gap), scaled from 0 to `max_value`."""
    slots = len(values)
    commands, known, pen_down = [], [], False
    point = None
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        point = _point(slots, index, value, max_value)
        commands.append(("L" if pen_down else "M") + point)
        known.append(value)
        pen_down = True
    line = Line("spark", "", " ".join(commands), [], f"M{point}h0" if point else "")
    return Sparkline(
        width=WIDTH,
        height=HEIGHT,
        left=0,
        right=WIDTH,
        top=0,
        baseline=HEIGHT,
        lines=[line],
        values=known,
    )
