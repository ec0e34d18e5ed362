"""Geometry for small server-rendered SVG bar charts (no Django needed)."""

from dataclasses import dataclass
from html import escape

WIDTH = 320
HEIGHT = 150
AXIS = 20  # room under the bars for labels
GAP = 0.2  # share of each slot left empty between bars
MAX_AXIS_LABELS = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    label_x: float
    show_label: bool


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    max_value: float

    @property
    def tick_y(self) -> int:
        return self.height - 4

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(points: list[tuple[str, float]], max_value: float | None = None) -> BarChart:
    """Lay out one bar per (label, value); labels are thinned so they never overlap."""
    baseline = HEIGHT - AXIS
    top = max_value or max((value for _, value in points), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    every = max(1, -(-len(points) // MAX_AXIS_LABELS))
    bars = []
    for index, (label, value) in enumerate(points):
        height = round(baseline * min(value, top) / top, 2)
        x = round(index * slot + slot * GAP / 2, 2)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=x,
                y=round(baseline - height, 2),
                width=round(slot * (1 - GAP), 2),
                height=height,
                label_x=round(index * slot + slot / 2, 2),
                show_label=index % every == 0,
            )
        )
    return BarChart(bars=bars, width=WIDTH, height=HEIGHT, baseline=baseline, max_value=top)


ROW = 34  # one horizontal bar: its label line above, the bar below
LABEL_SPACE = 14


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    y: float
    label_y: float
    width: float
    bar_height: int

    @property
    def value_x(self) -> float:
        return round(self.width + 4, 2)

    @property
    def value_y(self) -> float:
        return self.y + self.bar_height - 3


@dataclass(frozen=True)
class RowChart:
    rows: list[Row]
    width: int
    height: int
    bar_height: int

    @property
    def is_empty(self) -> bool:
        return not any(row.value for row in self.rows)


def row_chart(points: list[tuple[str, float]]) -> RowChart:
    """Horizontal bars with the label above each one: long labels stay readable on a phone."""
    top = max((value for _, value in points), default=0) or 1
    usable = WIDTH - 40  # room for the value at the end of the bar
    bar_height = ROW - LABEL_SPACE - 4
    rows = [
        Row(
            label=label,
            value=value,
            label_y=index * ROW + LABEL_SPACE - 3,
            y=index * ROW + LABEL_SPACE,
            width=round(usable * value / top, 2),
            bar_height=bar_height,
        )
        for index, (label, value) in enumerate(points)
    ]
    return RowChart(rows=rows, width=WIDTH, height=ROW * len(points), bar_height=bar_height)


def _number(value: float) -> str:
    # Plain dots whatever the language: SVG coordinates are never localised.
    return repr(value) if isinstance(value, float) else str(value)


def bar_svg_elements(chart: BarChart) -> str:
    """The axis, bars and labels of a bar chart as SVG markup (labels escaped).

    Built here rather than with template loops: a page has up to a hundred bars,
    and rendering them tag by tag cost more than the rest of the page."""
    n = _number
    parts = [
        f'<line class="axis" x1="0" y1="{n(chart.baseline)}" '
        f'x2="{chart.width}" y2="{n(chart.baseline)}"/>'
    ]
    for bar in chart.bars:
        parts.append(
            f'<rect class="bar" x="{n(bar.x)}" y="{n(bar.y)}" '
            f'width="{n(bar.width)}" height="{n(bar.height)}"/>'
        )
        if bar.show_label:
            parts.append(
                f'<text class="tick" x="{n(bar.label_x)}" y="{chart.tick_y}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    return "".join(parts)


def row_svg_elements(chart: RowChart) -> str:
    """The labels, bars and values of a row chart as SVG markup (labels escaped)."""
    n = _number
    return "".join(
        f'<text class="tick" x="0" y="{n(row.label_y)}">{escape(row.label)}</text>'
        f'<rect class="bar" x="0" y="{n(row.y)}" width="{n(row.width)}" '
        f'height="{row.bar_height}"/>'
        f'<text class="value" x="{n(row.value_x)}" y="{n(row.value_y)}">{n(row.value)}</text>'
        for row in chart.rows
    )
