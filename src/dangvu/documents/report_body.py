"""The body of a period report as Party-document blocks, and the checks made before it is
issued. Pure Python over the draft's data (a list of sections, each {"section", "number",
"title", "depth", "role", "paragraphs"}; a paragraph {"text", "unit_name", …}).

- Sections follow the outline's order (`positions`), whatever order the draft stored them in.
- A heading with nothing under it (no paragraph of its own nor of any section below it) is left
  out of the issued document; `empty_headings` names them for the office to confirm. The headings
  after it at its level are renumbered ("IV" then "VII" becomes "IV" then "V"), as the văn thư
  would renumber them by hand.
- Next-period tasks gathered from the units are grouped by unit under the unit's name, so that
  "Tổ chức tốt Đại hội…" keeps its subject.
- The indicators are an annex after the signature ("PHỤ LỤC"), not a last section of the body
  (which would put them under "Kiến nghị")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from dangvu.documents.rendering import Block

TASKS_ROLE = "tasks"


def in_outline_order(body: Sequence[Mapping[str, Any]], positions: Mapping[int, int]) -> list:
    """The sections sorted by their place in the outline; sections no longer in the outline keep
    their relative order at the end."""
    last = len(positions)
    indexed = list(enumerate(body))
    indexed.sort(key=lambda pair: (positions.get(int(pair[1].get("section") or 0), last), pair[0]))
    return [section for _index, section in indexed]


def _has_text(section: Mapping[str, Any]) -> bool:
    return any(p.get("text", "").strip() for p in section.get("paragraphs", []))


def filled(body: Sequence[Mapping[str, Any]]) -> list[bool]:
    """For each section: does it or a section below it (deeper, before the next one at its
    depth or above) have text?"""
    result = [False] * len(body)
    for index, section in enumerate(body):
        if not _has_text(section):
            continue
        result[index] = True
        depth = section["depth"]
        for back in range(index - 1, -1, -1):  # its ancestors are filled too
            if body[back]["depth"] < depth:
                result[back] = True
                depth = body[back]["depth"]
    return result


# --- renumbering after a heading is left out -----------------------------------------------------

ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
# The Vietnamese alphabet numbers sub-items a), b), c), d), đ), e), g)… (no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"
# "Phần thứ nhất", "Phần thứ hai"…
ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
PART = re.compile(r"^(phần thứ )(\S+)$", re.IGNORECASE)


def _roman(value: int) -> str:
    out = ""
    for letters, amount in ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


def _shift_number(number: str, by: int) -> str:
    """`number` moved back `by` places in its own style (Roman, Arabic, letter, "Phần thứ …");
    unchanged when it is in no style Dangvu knows or would fall below the first."""
    text = number.strip()
    if not by or not text:
        return number
    if text.isdigit():
        return str(int(text) - by) if int(text) > by else number
    if re.fullmatch(r"[IVX]+", text):  # up to XXXIX: "C", "D" and "M" are letters A, B, C, D
        value = 0
        rest = text
        for letters, amount in ROMAN:
            while rest.startswith(letters):
                value += amount
                rest = rest[len(letters) :]
        return _roman(value - by) if value > by and _roman(value) == text else number
    if len(text) == 1 and text.lower() in LETTERS:
        index = LETTERS.index(text.lower())
        letter = LETTERS[index - by] if index >= by else text
        return letter.upper() if text.isupper() else letter
    part = PART.match(text)
    if part and part.group(2).lower() in ORDINALS:
        index = ORDINALS.index(part.group(2).lower())
        if index < by:
            return number
        word = ORDINALS[index - by]
        return part.group(1) + (word.upper() if part.group(2).isupper() else word)
    return number


def renumbered(body: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The sections with the headings that follow a left-out one renumbered: each number goes
    back by the count of left-out headings before it under the same parent, at its depth."""
    kept = filled(body)
    result: list[dict[str, Any]] = []
    parents: list[int] = []  # indices of the open ancestors, shallowest first
    skipped: dict[tuple[int, int], int] = {}  # (parent index or -1, depth) -> left out so far
    for index, section in enumerate(body):
        depth = section["depth"]
        while parents and body[parents[-1]]["depth"] >= depth:
            parents.pop()
        key = (parents[-1] if parents else -1, depth)
        shift = skipped.get(key, 0)
        if not kept[index] and str(section.get("number", "")).strip():
            skipped[key] = shift + 1
        copy = dict(section)
        copy["number"] = _shift_number(str(section.get("number", "")), shift)
        result.append(copy)
        parents.append(index)
    return result


def heading_text(section: Mapping[str, Any]) -> str:
    number, title = section.get("number", ""), section.get("title", "")
    depth = section["depth"]
    if depth == 0:
        return f"{number.upper()} {title.upper()}".strip()
    if depth == 1:
        return f"{number}. {title.upper()}" if number else title.upper()
    if depth == 2:
        return f"{number}. {title}" if number else title
    return f"{number}) {title}" if number else title


def empty_headings(body: Sequence[Mapping[str, Any]]) -> list[str]:
    """The headings the issued report leaves out because nothing is written under them."""
    return [heading_text(s) for s, ok in zip(body, filled(body), strict=True) if not ok]


def _task_blocks(paragraphs: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The office's own lines first, then each unit's tasks under its name."""
    blocks = [Block("paragraph", p["text"]) for p in paragraphs if not p.get("unit_name")]
    units: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        if paragraph.get("unit_name"):
            units.setdefault(paragraph["unit_name"], []).append(paragraph["text"])
    for unit, texts in units.items():
        blocks.append(Block("heading", f"{unit}:", level=3))
        blocks += [Block("paragraph", f"- {text}") for text in texts]
    return blocks


def body_blocks(body: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The report's body, sections in the order given (sort with `in_outline_order` first),
    empty headings left out and the ones after them renumbered."""
    blocks: list[Block] = []
    for section, ok in zip(renumbered(body), filled(body), strict=True):
        if not ok:
            continue
        depth = section["depth"]
        if depth == 0:
            # Two centred headings, "PHẦN THỨ NHẤT" then its title, as two paragraphs: a line
            # break inside a justified heading would be stretched across the page.
            blocks.append(Block("heading", section["number"].upper(), level=0))
            blocks.append(Block("heading", section["title"].upper(), level=0))
        else:
            blocks.append(Block("heading", heading_text(section), level=min(depth, 3)))
        if section.get("role") == TASKS_ROLE:
            blocks += _task_blocks(section["paragraphs"])
        else:
            blocks += [Block("paragraph", p["text"]) for p in section["paragraphs"] if p["text"]]
    return blocks


def _number(value: Any) -> str:
    number = Decimal(str(value))
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def indicator_annex(indicators: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The indicators as a table for the annex; empty when every total is zero."""
    rows = [row for row in indicators if Decimal(str(row["total"]))]
    if not rows:
        return []
    has_previous = any(row.get("previous") is not None for row in rows)
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]
    widths = [15.0, 80.0, 30.0, 20.0]
    if has_previous:
        header.append("Cùng kỳ năm trước")
        widths = [15.0, 65.0, 25.0, 25.0, 35.0]
    table = [header]
    for index, row in enumerate(rows, start=1):
        line = [str(index), row["name"], row["unit"], _number(row["total"])]
        if has_previous:
            previous = row.get("previous")
            line.append(_number(previous) if previous is not None else "")
        table.append(line)
    return [Block("table", "", rows=table, widths_mm=widths)]
