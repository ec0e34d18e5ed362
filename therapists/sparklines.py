"""Geometry for tiny SVG trend lines on the therapist's list of couples (no Django).

A week without a value breaks the line rather than joining across the gap; the
latest value gets a dot so the eye lands on "now".
"""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

WIDTH = 48
HEIGHT = 18
PAD = 2.5


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    path: str
    last_x: float | None
    last_y: float | None
    values: list[int | float]  # the known values, oldest first (for the text alternative)

    @property
    def is_empty(self) -> bool:
        return not self.values

    def svg(self, label: str) -> str:
        """The line as an SVG image; `label` (plain text, escaped here) describes it."""
        return (
            f'<svg class="spark" viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-label="{escape(label)}" focusable="false"><path d="{self.path}"/>'
            f'<circle cx="{self.last_x}" cy="{self.last_y}" r="2"/></svg>'
        )


@lru_cache(maxsize=1024)
def _point(slots: int, index: int, value: float, max_value: float) -> tuple[float, float, str]:
    """Where a value goes, and its "x y" for the path: the same few points recur on
    every line (a dozen weeks, ratings 0 to 10), so each is worked out once."""
    step = (WIDTH - 2 * PAD) / (slots - 1) if slots > 1 else 0
    x = round(PAD + index * step, 2) if slots > 1 else WIDTH / 2
    y = round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * min(value, max_value) / max_value, 2)
    return x, y, f"{x} {y}"


def sparkline(values: list[float | None], max_value: float = 10) -> Sparkline:
    """One point per slot of `values` (None for a gap), scaled from 0 to `max_value`."""
    slots = len(values)
    commands, known, pen_down = [], [], False
    x = y = None
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        x, y, point = _point(slots, index, value, max_value)
        commands.append(("L" if pen_down else "M") + point)
        known.append(value)
        pen_down = True
    return Sparkline(WIDTH, HEIGHT, " ".join(commands), x, y, known)
