"""Geometry for tiny SVG trend lines on the therapist's list of couples (no Django).

A week without a value breaks the line rather than joining across the gap; the
latest value gets a dot so the eye lands on "now".
"""

from dataclasses import dataclass

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


def sparkline(values: list[float | None], max_value: float = 10) -> Sparkline:
    """One point per slot of `values` (None for a gap), scaled from 0 to `max_value`."""
    slots = len(values)
    step = (WIDTH - 2 * PAD) / (slots - 1) if slots > 1 else 0
    commands, known, pen_down = [], [], False
    last = (None, None)
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        x = round(PAD + index * step if slots > 1 else WIDTH / 2, 2)
        y = round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * min(value, max_value) / max_value, 2)
        commands.append(f"{'L' if pen_down else 'M'}{x} {y}")
        known.append(value)
        pen_down = True
        last = (x, y)
    return Sparkline(WIDTH, HEIGHT, " ".join(commands), last[0], last[1], known)
