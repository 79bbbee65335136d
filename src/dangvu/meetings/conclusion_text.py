"""The text format of a conference's conclusion, and reading a pasted or uploaded conclusion.

The office types the items as lines: "1." or "1)" opens an item, "a)" or "-" a sub-item under it,
other lines continue the line before. Saving numbers the items 1, 2, 3… in their order; what that
would change (a first line without a number, numbers skipped or repeated) is said before saving
(`renumbering`), never done silently.

A whole conclusion pasted or read from a .docx (a notice with its headings, or plain paragraphs
of directives) goes through the extractor: the numbered lines are kept as the items when there
are any, otherwise each directive the extractor finds becomes an item; the paragraph that
introduces them becomes the introduction (`read_conclusion`). Either way the result is shown in
the editor before anything is saved, and then goes on to the same review screen as typed items.

No Django models here: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _

from dangvu.extraction import extract

ITEM_LINE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*)$")
SUBITEM_LINE = re.compile(r"^\s*(?:([a-zđ])\s*\)|[-–•+])\s*(.*)$")
# Where a pasted notice's body ends: the recipients, the signature block.
_BODY_END = re.compile(
    r"^\s*(nơi nhận|t/m\b|tm\.|k/t\b|kt\.|thay mặt|ký thay|người ký|lưu:?\s|lưu vp)",
    re.IGNORECASE,
)


@dataclass
class ItemText:
    text: str
    subitems: list[str] = field(default_factory=list)


class _Item(Protocol):  # a ConclusionItem, as far as the text format needs it
    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def parent_id(self) -> int | None: ...


def parse_items(text: str) -> list[ItemText]:
    """Items from the text the office types: a line starting "1." or "1)" opens an item, a line
    starting "a)" or "-" a sub-item under it; other lines continue the one before (a first line
    without a number is an item of its own: `renumbering` says so before saving)."""
    items: list[ItemText] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        item_match = ITEM_LINE.match(line)
        sub_match = SUBITEM_LINE.match(line)
        if item_match:
            items.append(ItemText(item_match.group(2).strip()))
        elif sub_match and items:
            items[-1].subitems.append(sub_match.group(2).strip())
        elif items and items[-1].subitems:
            items[-1].subitems[-1] += " " + line
        elif items:
            items[-1].text = f"{items[-1].text} {line}".strip()
        else:
            items.append(ItemText(line))
    return items


def items_as_text(items: Sequence[_Item]) -> str:
    return "\n".join(
        f"{item.label} {item.text}" if item.parent_id is None else f"   {item.label} {item.text}"
        for item in items
    )


def _short(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 60 else line[:57].rstrip() + "…"


def renumbering(text: str) -> list[str]:
    """What saving `text` would renumber, in words: a first line without a number (it would become
    item 1), a sub-item before any item, numbers skipped, repeated or out of order. Empty when the
    items are numbered 1, 2, 3… as they will be saved."""
    notes: list[str] = []
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return notes
    first = lines[0]
    if not ITEM_LINE.match(first):
        if SUBITEM_LINE.match(first):
            notes.append(
                _(
                    "The first line “%(line)s” is a sub-item with no item above it: it will be "
                    "saved as item 1."
                )
                % {"line": _short(first)}
            )
        else:
            notes.append(
                _(
                    "The first line “%(line)s” has no number: it will be saved as item 1 and the "
                    "numbered items after it moved down by one. Number it, or move it to the "
                    "introduction."
                )
                % {"line": _short(first)}
            )
    typed = [int(m.group(1)) for line in lines if (m := ITEM_LINE.match(line))]
    offset = 0 if ITEM_LINE.match(first) else 1
    saved = list(range(1 + offset, len(typed) + 1 + offset))
    if typed and typed != saved:
        notes.append(
            _("The items typed as %(typed)s will be saved as %(saved)s.")
            % {
                "typed": ", ".join(str(n) for n in typed),
                "saved": ", ".join(str(n) for n in saved),
            }
        )
    return notes


@dataclass
class ReadConclusion:
    """A pasted or uploaded conclusion, read: the introduction and the items as the editor
    shows them (`text`), and what the reading did, for the office to check."""

    preamble: str
    items: list[ItemText]
    notes: list[str]

    @property
    def text(self) -> str:
        lines = []
        for number, item in enumerate(self.items, start=1):
            lines.append(f"{number}. {item.text}")
            lines.extend(
                f"   {chr(ord('a') + k)}) {sub}" for k, sub in enumerate(item.subitems[:26])
            )
        return "\n".join(lines)


def _is_heading(line: str) -> bool:
    """An all-capitals heading, a short line without final punctuation (a title, a place and
    date line): not part of the introduction."""
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return not line.rstrip().endswith((".", ":", ";", "…")) and len(line.split()) < 15


def _introduction(paragraphs: Sequence[str]) -> str:
    """The paragraph that introduces the items: the last prose paragraph before them."""
    prose = [p for p in paragraphs if p.strip() and not _is_heading(p)]
    return prose[-1].strip() if prose else ""


def read_conclusion(text: str) -> ReadConclusion:
    """Read a pasted or uploaded conclusion (raises `ExtractionError` on unusable input).

    Numbered lines, when there are any, are the items (sub-items kept); otherwise each directive
    the extractor finds is an item. The signature block and recipients are left out."""
    result = extract(text)  # refuses empty, binary or oversized text in its own words
    lines = text.splitlines()
    end = next((k for k, line in enumerate(lines) if _BODY_END.match(line)), len(lines))
    body = lines[:end]
    first_item = next((k for k, line in enumerate(body) if ITEM_LINE.match(line.strip())), None)
    notes: list[str] = []
    if first_item is not None:
        items = parse_items("\n".join(body[first_item:]))
        preamble = _introduction(body[:first_item])
        notes.append(_("%(count)d numbered item(s) read from the text.") % {"count": len(items)})
    else:
        items = [ItemText(" ".join(task.text.split())) for task in result.tasks]
        first = result.tasks[0].start if result.tasks else len(text)
        preamble = _introduction(text[:first].splitlines())
        if items:
            notes.append(
                _(
                    "The text has no numbered items: %(count)d directive(s) found by reading it "
                    "became the items. Check them before saving."
                )
                % {"count": len(items)}
            )
    if not items:
        notes.append(_("No item was found in the text; type the items below."))
    return ReadConclusion(preamble=preamble, items=items, notes=notes)
