"""Where the parts of a chart go, as numbers (no Django needed).

The project has one line chart and one bar chart, drawn by
`templates/charts/_line_chart.html` and `templates/charts/_bar_chart.html`; this
module lays them out. Labels stay values (a date, a time, a word): the templates
write them in the viewer's language. Gaps (a week without an answer) break a line
instead of joining across them.
"""

from dataclasses import dataclass, field
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

LINE_WIDTH = 320
LINE_HEIGHT = 170
LEFT = 26  # room for the value labels
RIGHT = 10
TOP = 10
BOTTOM = 24  # room for the week labels
MAX_X_LABELS = 6
DOT = 3  # radius of a line's dots


def _number(value: float) -> str:
    # Plain dots whatever the language (SVG coordinates are never localised), and no
    # trailing zeros: a year of weeks is hundreds of numbers.
    return f"{value:.2f}".rstrip("0").rstrip(".")


def dots_path(points) -> str:
    """One path for all the dots of a line: a zero-length stroke per point, which a
    round line cap draws as a dot (one element instead of one per point)."""
    return "".join(f"M{_number(point.x)} {_number(point.y)}h0" for point in points)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    label: object


@dataclass(frozen=True)
class Line:
    key: str  # the line's style: "self", "partner", "hurt", "involved", "shared"
    name: str
    path: str
    points: list[Point]
    dots: str = ""  # where the dots go, as path data


@dataclass(frozen=True)
class Tick:
    position: float
    label: object  # a number, a date or a word: the template writes it
    anchor: str = "middle"  # the last label of an axis ends at the edge rather than past it


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    baseline: float
    lines: list[Line]
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)

    @property
    def y_label_x(self) -> float:
        return self.left - 5

    @property
    def x_label_y(self) -> int:
        return self.height - 6

    @property
    def is_empty(self) -> bool:
        return not any(line.points for line in self.lines)


def line_chart(
    labels: list[date],
    series: list[tuple[str, str, list[float | None]]],
    max_value: float = 10,
) -> LineChart:
    """Lay out one line per (key, name, values), values aligned with `labels`."""
    right = LINE_WIDTH - RIGHT
    baseline = LINE_HEIGHT - BOTTOM
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
            commands.append(f"{'L' if pen_down else 'M'}{_number(point.x)} {_number(point.y)}")
            pen_down = True
        lines.append(Line(key, name, " ".join(commands), points, dots_path(points)))

    every = max(1, -(-len(labels) // MAX_X_LABELS))
    x_ticks = [
        Tick(x_at(index), label, "end" if x_at(index) == right else "middle")
        for index, label in enumerate(labels)
        if index % every == 0
    ]
    y_ticks = [Tick(position=y_at(value), label=value) for value in (0, 5, 10)]
    return LineChart(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        baseline=baseline,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )


BAR_WIDTH = 320
BAR_HEIGHT = 150
AXIS = 20  # room under the bars for labels
GAP = 0.2  # share of each slot left empty between bars
MAX_AXIS_LABELS = 8


@dataclass(frozen=True)
class Bar:
    label: object  # a date, a time or a word: the template writes it
    value: float
    x: float
    y: float
    width: float
    height: float
    label_x: float
    show_label: bool


@dataclass(frozen=True)
class BarChart:
    """Vertical bars (`bars`), or horizontal ones with their label above (`rows`)."""

    width: int
    height: int
    baseline: float = 0
    max_value: float = 0
    bars: list[Bar] = field(default_factory=list)
    rows: list["Row"] = field(default_factory=list)
    bar_height: int = 0
    # How the template writes date and time labels (a `date` filter format).
    label_format: str = ""

    @property
    def tick_y(self) -> int:
        return self.height - 4

    @property
    def ticks(self) -> list[Bar]:
        """The bars whose label is written under them."""
        return [bar for bar in self.bars if bar.show_label]

    @property
    def path(self) -> str:
        """Every bar as one path (one element instead of one per bar)."""
        if self.rows:
            boxes = [(0, row.y, row.width, self.bar_height) for row in self.rows]
        else:
            boxes = [(bar.x, bar.y, bar.width, bar.height) for bar in self.bars]
        n = _number
        return "".join(
            f"M{n(x)} {n(y)}h{n(width)}v{n(height)}h{n(-width)}z" for x, y, width, height in boxes
        )

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars or self.rows)


def bar_chart(
    points: list[tuple[object, float]], max_value: float | None = None, label_format: str = ""
) -> BarChart:
    """Lay out one bar per (label, value); labels are thinned so they never overlap."""
    baseline = BAR_HEIGHT - AXIS
    top = max_value or max((value for _, value in points), default=0) or 1
    slot = BAR_WIDTH / max(len(points), 1)
    every = max(1, -(-len(points) // MAX_AXIS_LABELS))
    bars = []
    for index, (label, value) in enumerate(points):
        height = round(baseline * min(value, top) / top, 2)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(index * slot + slot * GAP / 2, 2),
                y=round(baseline - height, 2),
                width=round(slot * (1 - GAP), 2),
                height=height,
                label_x=round(index * slot + slot / 2, 2),
                show_label=index % every == 0,
            )
        )
    return BarChart(
        width=BAR_WIDTH,
        height=BAR_HEIGHT,
        baseline=baseline,
        max_value=top,
        bars=bars,
        label_format=label_format,
    )


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


def row_chart(points: list[tuple[str, float]]) -> BarChart:
    """Horizontal bars with the label above each one: long labels stay readable on a phone."""
    top = max((value for _, value in points), default=0) or 1
    usable = BAR_WIDTH - 40  # room for the value at the end of the bar
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
    return BarChart(
        width=BAR_WIDTH, height=ROW * len(points), max_value=top, rows=rows, bar_height=bar_height
    )


@dataclass(frozen=True)
class Table:
    """A chart's figures for people who cannot see it: per row a header cell and one
    or two data cells (the second None when the table has one). Header cells that are
    dates or times are written with `head_format`."""

    caption: str
    columns: list[str]
    rows: list[tuple[object, object, object]]
    head_format: str = ""


HOURS = [time(hour) for hour in range(24)]
ONE_DECIMAL = Decimal("0.1")


def table_number(value: float | None) -> int | Decimal | None:
    """A figure for a table as `floatformat:"-1"` shows it: whole numbers without
    decimals, others to one decimal (the template writes it in the viewer's language)."""
    if value is None or value == int(value):
        return value if value is None else int(value)
    return one_decimal(value)


def one_decimal(value: float | None) -> Decimal | None:
    """A figure rounded as `floatformat:1` rounds (half up, from the shortest decimal
    form of the float), for a table whose cells the template writes in the viewer's
    language."""
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
