"""Geometry for small server-rendered SVG line charts (no Django needed).

Gaps (a week without an answer) break the line instead of joining across them.
"""

from dataclasses import dataclass
from html import escape

WIDTH = 320
HEIGHT = 170
LEFT = 26  # room for the value labels
RIGHT = 10
TOP = 10
BOTTOM = 24  # room for the week labels
MAX_X_LABELS = 6


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass(frozen=True)
class Line:
    key: str
    name: str
    path: str
    points: list[Point]


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    baseline: float
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]

    @property
    def y_label_x(self) -> int:
        return self.left - 5

    @property
    def x_label_y(self) -> int:
        return self.height - 6

    @property
    def is_empty(self) -> bool:
        return not any(line.points for line in self.lines)


def line_chart(
    labels: list[str],
    series: list[tuple[str, str, list[float | None]]],
    max_value: float = 10,
) -> LineChart:
    """Lay out one line per (key, name, values), values aligned with `labels`."""
    right = WIDTH - RIGHT
    baseline = HEIGHT - BOTTOM
    span = right - LEFT
    step = span / (len(labels) - 1) if len(labels) > 1 else 0

    def x_at(index: int) -> float:
        return round(LEFT + index * step if len(labels) > 1 else LEFT + span / 2, 2)

    def y_at(value: float) -> float:
        return round(baseline - (baseline - TOP) * min(value, max_value) / max_value, 2)

    lines = []
    for key, name, values in series:
        points, commands, pen_down = [], [], False
        for index, value in enumerate(values):
            if value is None:
                pen_down = False
                continue
            point = Point(x=x_at(index), y=y_at(value), value=value, label=labels[index])
            points.append(point)
            commands.append(f"{'L' if pen_down else 'M'}{point.x} {point.y}")
            pen_down = True
        lines.append(Line(key=key, name=name, path=" ".join(commands), points=points))

    every = max(1, -(-len(labels) // MAX_X_LABELS))
    x_ticks = [
        Tick(position=x_at(index), label=label)
        for index, label in enumerate(labels)
        if index % every == 0
    ]
    y_ticks = [Tick(position=y_at(value), label=str(value)) for value in (0, 5, 10)]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        baseline=baseline,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )


def _number(value: float) -> str:
    # Plain dots whatever the language (SVG coordinates are never localised), and no
    # trailing zeros: a year of weeks is hundreds of numbers.
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_elements(chart: LineChart) -> str:
    """The chart's grid, axis labels, lines and points as SVG markup (labels escaped).

    Built here rather than with template loops: one chart has about fifty elements,
    and rendering them tag by tag cost more than the rest of the history page.
    """
    n = _number
    parts = []
    for tick in chart.y_ticks:
        y = n(tick.position)
        parts.append(
            f'<line class="grid" x1="{n(chart.left)}" x2="{n(chart.right)}" y1="{y}" y2="{y}"/>'
            f'<text class="axis" x="{n(chart.y_label_x)}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(tick.label)}</text>'
        )
    for tick in chart.x_ticks:
        parts.append(
            f'<text class="axis" x="{n(tick.position)}" y="{n(chart.x_label_y)}" '
            f'text-anchor="middle">{escape(tick.label)}</text>'
        )
    for line in chart.lines:
        key = escape(line.key)
        parts.append(f'<path class="line line-{key}" d="{escape(line.path)}"/>')
        if line.points:  # one group for the dots of a line, which take its colour
            parts.append(f'<g class="dot dot-{key}">')
            parts.extend(
                f'<circle cx="{n(point.x)}" cy="{n(point.y)}" r="3"/>' for point in line.points
            )
            parts.append("</g>")
    return "".join(parts)
