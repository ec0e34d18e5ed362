"""Word-level differences between two texts. Plain Python, no Django."""

import difflib
import re
from typing import Literal, NamedTuple

# Words, runs of whitespace and single punctuation marks, so that joining the
# tokens gives back the text exactly.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

Op = Literal["equal", "insert", "delete"]

# Common text this short between two changes is folded into them.
SMALL = 3


class Segment(NamedTuple):
    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn `old` into `new`; a replacement is a deletion then an insertion."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # Each item is ["equal", text] or ["change", deleted, inserted].
    items: list[list[str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            items.append(["equal", "".join(a[i1:i2])])
        elif items and items[-1][0] == "change":
            items[-1][1] += "".join(a[i1:i2])
            items[-1][2] += "".join(b[j1:j2])
        else:
            items.append(["change", "".join(a[i1:i2]), "".join(b[j1:j2])])
    return [segment for item in _absorb_small_equals(items) for segment in _segments(item)]


def _absorb_small_equals(items: list[list[str]]) -> list[list[str]]:
    """Fold common text caught between two changes into them when it is tiny ("the")
    or no longer than the changes on both sides (the rule of diff-match-patch's
    semantic cleanup), so a rewritten phrase reads as one removal and one addition."""
    i = 1
    while i < len(items) - 1:
        before, between, after = items[i - 1], items[i], items[i + 1]
        if before[0] == "change" and between[0] == "equal" and after[0] == "change":
            size = len(between[1])
            tiny = len(between[1].strip()) <= SMALL
            if tiny or size <= min(max(map(len, before[1:])), max(map(len, after[1:]))):
                items[i - 1 : i + 2] = [
                    [
                        "change",
                        before[1] + between[1] + after[1],
                        before[2] + between[1] + after[2],
                    ]
                ]
                i = max(1, i - 1)
                continue
        i += 1
    return items


def _segments(item: list[str]) -> list[Segment]:
    if item[0] == "equal":
        return [Segment("equal", item[1])]
    segments = []
    if item[1]:
        segments.append(Segment("delete", item[1]))
    if item[2]:
        segments.append(Segment("insert", item[2]))
    return segments


def has_changes(segments: list[Segment]) -> bool:
    return any(segment.op != "equal" for segment in segments)
