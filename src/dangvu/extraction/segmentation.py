"""Splitting a text into blocks (lines), list items and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A first line "URL: ..." followed by a blank line is metadata added when the page was stored.
_URL_HEADER = re.compile(r"\A\s*URL:[^\n]*\n[ \t]*\r?\n")

# List markers: "1." "1)" "(1)" "a)" "a." "-" "+" "•" "*" "–" "—" "I." (Roman numerals head
# sections).
_MARKER = re.compile(
    r"[ \t]*(?:(?P<num>\d{1,2})\s*[.)](?!\d)|\((?P<pnum>\d{1,2})\)|(?P<alpha>[a-zđ])\s*[).](?=\s)"
    r"|(?P<roman>[IVX]{1,4})\s*[.)](?=\s)|(?P<bullet>[-+•*–—▪●◦]))[ \t]+"
)

_UPPER = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper())
# A sentence ends at . ! ? … (maybe closed by quotes or "./.") followed by space and a capital, a
# digit,
# a quote, a bracket or a list marker.
_SENTENCE_END = re.compile(
    r"(?:\./\.|[.!?…]+)[\"”’)\]]*\s+(?=[\"“‘(\[" + re.escape(_UPPER) + r"0-9-])"
)
# Abbreviations whose final dot does not end a sentence.
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:TP|Tp|Th|TS|ThS|PGS|GS|BS|KS|Q|P|H|X|Đ/c|đ/c|St|TT|Ths|v\.v)\.)$"
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """One line of the body; ``content`` excludes any list marker."""

    start: int
    end: int
    content_start: int
    marker_kind: str | None = None  # "num", "alpha", "roman", "bullet:-" ...
    marker_value: str | None = None
    sentences: list[Span] = field(default_factory=list)


def body_start(text: str) -> int:
    m = _URL_HEADER.match(text)
    return m.end() if m else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        head = text[max(cursor, m.start() - 6) : m.start() + 1]
        if _NO_BREAK_BEFORE.search(head):
            continue
        s, e = _trim(text, cursor, m.end())
        if e > s:
            spans.append(Span(s, e))
        cursor = m.end()
    s, e = _trim(text, cursor, end)
    if e > s:
        spans.append(Span(s, e))
    return spans


# A line that does not end a sentence, followed by one that starts in lower case: the same
# paragraph, wrapped by hand ("... hoàn thành tổng kết\ncông tác chỉ đạo ...").
_OPEN_END = re.compile(r"[^.!?:;…\"”)]\s*$")


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), with hand-wrapped lines joined back into one."""
    lines: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        line_start, line_end = _trim(text, start + m.start(), start + m.end())
        if line_end <= line_start:
            continue
        if (
            lines
            and _OPEN_END.search(text, lines[-1][0], lines[-1][1])
            and text.count("\n", lines[-1][1], line_start) == 1
            and (
                text[line_start].islower()
                or (text[line_start].isdigit() and not _MARKER.match(text, line_start, line_end))
            )
        ):
            lines[-1] = (lines[-1][0], line_end)
            continue
        lines.append((line_start, line_end))
    return lines


def split_blocks(text: str, start: int = 0) -> list[Block]:
    blocks: list[Block] = []
    for line_start, line_end in _lines(text, start):
        block = Block(line_start, line_end, line_start)
        marker = _MARKER.match(text, line_start, line_end)
        if marker and marker.end() < line_end:
            if marker.group("num") or marker.group("pnum"):
                block.marker_kind, block.marker_value = (
                    "num",
                    marker.group("num") or marker.group("pnum"),
                )
            elif marker.group("alpha"):
                block.marker_kind, block.marker_value = "alpha", marker.group("alpha")
            elif marker.group("roman"):
                block.marker_kind, block.marker_value = "roman", marker.group("roman")
            else:
                block.marker_kind = "bullet:" + marker.group("bullet")
            block.content_start = marker.end()
        block.sentences = split_sentences(text, block.content_start, line_end)
        blocks.append(block)
    return blocks
