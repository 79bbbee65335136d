"""The body of a period report as Party-document blocks, and the checks made before it is
issued. Pure Python over the draft's data (a list of sections, each {"section", "number",
"title", "depth", "role", "paragraphs"}; a paragraph {"text", "unit_name", …}).

- Sections follow the outline's order (`positions`), whatever order the draft stored them in.
- A heading with nothing under it (no paragraph of its own nor of any section below it) is left
  out of the issued document; `empty_headings` names them for the office to confirm.
- Next-period tasks gathered from the units are grouped by unit under the unit's name, so that
  "Tổ chức tốt Đại hội…" keeps its subject.
- The indicators are an annex after the signature ("PHỤ LỤC"), not a last section of the body
  (which would put them under "Kiến nghị")."""

from __future__ import annotations

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
    """The report's body, sections in the order given (sort with `in_outline_order` first)."""
    blocks: list[Block] = []
    for section, ok in zip(body, filled(body), strict=True):
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
