"""Read the charts of a rendered page the way a person would: the value each point or
bar stands for (through the chart's own axis), the labels along the axes and the table
beside the chart. Tests written with it hold whatever the markup of a dot or a bar is,
as long as the same figures are drawn and the same rows are listed.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
NUMBER = r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?"


class Node:
    def __init__(self, tag: str, attrs, parent: "Node | None"):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:  # a line break reads as a space
                parts.append(" " if child.tag == "br" else child.text())
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag) and (cls is None or cls in node.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def number(self, name: str) -> float:
        return float(self.attrs[name])


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def charts(page: Node) -> list[Node]:
    """Every chart of a page (an SVG image), in the order of the page."""
    return [svg for svg in page.find_all("svg") if svg.attrs.get("role") == "img"]


def container_of(svg: Node) -> Node:
    """The figure or section a chart stands in, with its heading and its table."""
    return next(node for node in svg.ancestors() if node.tag in ("figure", "section"))


def heading_of(svg: Node) -> str:
    box = container_of(svg)
    return next(node.text() for node in box.iter() if node.tag in ("h2", "h3"))


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The vertices of a path, one list per subpath ("M" starts one)."""
    tokens = re.findall(rf"[MLHVmlhvZz]|{NUMBER}", d)
    paths: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command, index = "M", 0
    while index < len(tokens):
        if tokens[index] in "Zz":  # back to where the subpath started
            x, y = paths[-1][0]
            index += 1
            continue
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            continue
        if command in "ML":
            x, y = float(tokens[index]), float(tokens[index + 1])
            index += 2
            if command == "M":
                paths.append([])
                command = "L"
        elif command in "hv":
            delta = float(tokens[index])
            index += 1
            x, y = (x + delta, y) if command == "h" else (x, y + delta)
        elif command in "HV":
            value = float(tokens[index])
            index += 1
            x, y = (value, y) if command == "H" else (x, value)
        else:
            raise ValueError(f"unexpected path command {command!r} in {d!r}")
        point = (round(x, 2), round(y, 2))
        if not paths[-1] or paths[-1][-1] != point:
            paths[-1].append(point)
    return paths


def dot_centres(svg: Node, key: str) -> set[tuple[float, float]]:
    """Where the dots of one line are: circles, or dots drawn as a path."""
    centres = set()
    for node in svg.iter():
        own = f"dot-{key}" in node.classes
        inherited = any(f"dot-{key}" in parent.classes for parent in node.ancestors())
        if not (own or inherited):
            continue
        if node.tag == "circle":
            centres.add((round(node.number("cx"), 2), round(node.number("cy"), 2)))
        elif node.tag == "path":
            centres.update(path[0] for path in subpaths(node.attrs["d"]))
    return centres


@dataclass
class LineReading:
    label: str
    y_labels: list[str]
    x_labels: list[tuple[int, str]]  # (week slot, label)
    series: dict[str, list[float | None]]  # line key: value per slot, None where none
    runs: dict[str, list[list[int]]]  # line key: the slots of each unbroken stretch
    dots_on_every_point: bool


def read_line_chart(svg: Node, slots: int) -> LineReading:
    """Values are read through the labelled grid lines (0 to the top value); a point's
    slot from where it sits between the plot's left (first slot) and right edges."""
    grid = [line for line in svg.find_all("line") if "grid" in line.classes]
    left, right = grid[0].number("x1"), grid[0].number("x2")
    grid_ys = {round(line.number("y1"), 2) for line in grid}
    texts = svg.find_all("text")
    y_ticks = sorted(
        (round(text.number("y"), 2), float(text.text()))
        for text in texts
        if round(text.number("y"), 2) in grid_ys
    )
    (y_top, top_value), (y_bottom, bottom_value) = y_ticks[0], y_ticks[-1]

    def value_at(y: float) -> float:
        share = (y_bottom - y) / (y_bottom - y_top)
        return round(bottom_value + share * (top_value - bottom_value), 2)

    def slot_at(x: float) -> int:
        if slots == 1:
            return 0
        return round((x - left) / (right - left) * (slots - 1))

    below = max(grid_ys)
    x_labels = [
        (slot_at(text.number("x")), text.text()) for text in texts if text.number("y") > below
    ]
    series, runs, dotted = {}, {}, True
    for path in svg.find_all("path"):
        keys = [name[5:] for name in path.classes if name.startswith("line-")]
        if "line" not in path.classes or not keys:
            continue
        key = keys[0]
        values: list[float | None] = [None] * slots
        runs[key] = []
        vertices = set()
        for stretch in subpaths(path.attrs.get("d", "")):
            runs[key].append([slot_at(x) for x, _y in stretch])
            for x, y in stretch:
                values[slot_at(x)] = value_at(y)
                vertices.add((x, y))
        series[key] = values
        dotted = dotted and dot_centres(svg, key) == vertices
    return LineReading(
        label=svg.attrs.get("aria-label", ""),
        y_labels=[text.text() for text in texts if round(text.number("y"), 2) in grid_ys],
        x_labels=x_labels,
        series=series,
        runs=runs,
        dots_on_every_point=dotted,
    )


@dataclass
class BarReading:
    label: str
    values: list[float]  # per bar, left to right
    x_labels: list[tuple[int, str]]  # (bar index, label)


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float


def bars_of(svg: Node) -> list[Box]:
    """The bars of a chart, as rectangles or as the boxes of a path, in drawing order."""
    boxes = [
        Box(*(rect.number(name) for name in ("x", "y", "width", "height")))
        for rect in svg.find_all("rect", "bar")
    ]
    for path in svg.find_all("path", "bar"):
        for corners in subpaths(path.attrs["d"]):
            xs, ys = [x for x, _y in corners], [y for _x, y in corners]
            boxes.append(Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    return boxes


def read_bar_chart(svg: Node, top: float) -> BarReading:
    """Vertical bars from the axis line up; a bar as tall as the plot stands for `top`."""
    baseline = next(line for line in svg.find_all("line") if "axis" in line.classes)
    plot = baseline.number("y1")
    bars = sorted(bars_of(svg), key=lambda box: box.x)
    for bar in bars:  # every bar stands on the axis
        assert round(bar.y + bar.height, 1) == round(plot, 1)
    centres = [bar.x + bar.width / 2 for bar in bars]
    x_labels = []
    for text in svg.find_all("text"):
        x = text.number("x")
        index = min(range(len(centres)), key=lambda i: abs(centres[i] - x))
        x_labels.append((index, text.text()))
    return BarReading(
        label=svg.attrs.get("aria-label", ""),
        values=[round(bar.height / plot * top, 2) for bar in bars],
        x_labels=x_labels,
    )


@dataclass
class RowReading:
    label: str
    rows: list[tuple[str, str, float]]  # (label, value written, value the bar's length shows)


def read_row_chart(svg: Node, top: float) -> RowReading:
    """Horizontal bars, each with its label above and its value at its end; the longest
    bar stands for `top`."""
    bars = sorted(bars_of(svg), key=lambda box: box.y)
    labels = sorted(svg.find_all("text", "tick"), key=lambda text: text.number("y"))
    values = sorted(svg.find_all("text", "value"), key=lambda text: text.number("y"))
    longest = max((bar.width for bar in bars), default=0) or 1
    return RowReading(
        label=svg.attrs.get("aria-label", ""),
        rows=[
            (label.text(), value.text(), round(bar.width / longest * top, 2))
            for label, value, bar in zip(labels, values, bars, strict=True)
        ],
    )


@dataclass
class SparkReading:
    label: str
    points: list[list[tuple[float, float]]]
    last_dot: tuple[float, float] | None
    view_box: str


def read_sparkline(svg: Node) -> SparkReading:
    """A trend line."""
    label, view_box = svg.attrs.get("aria-label", ""), svg.attrs.get("viewbox", "")
    path = svg.find("path")
    dots = [
        (round(circle.number("cx"), 2), round(circle.number("cy"), 2))
        for circle in svg.find_all("circle")
    ]
    for node in svg.find_all("path"):
        if node is not path:
            dots.extend(stretch[0] for stretch in subpaths(node.attrs["d"]))
    return SparkReading(
        label=label,
        points=subpaths(path.attrs["d"]) if path is not None else [],
        last_dot=dots[-1] if dots else None,
        view_box=view_box,
    )


@dataclass
class TableReading:
    caption: str
    head: list[str]
    rows: list[list[str]]


def read_table(table: Node) -> TableReading:
    caption = table.find("caption")
    head = table.find("thead")
    body = table.find("tbody") or table
    return TableReading(
        caption=caption.text() if caption else "",
        head=[cell.text() for cell in head.find_all("th")] if head else [],
        rows=[
            [cell.text() for cell in row.iter() if cell.tag in ("th", "td")]
            for row in body.find_all("tr")
        ],
    )


def table_of(svg: Node) -> TableReading | None:
    table = container_of(svg).find("table")
    return read_table(table) if table is not None else None
