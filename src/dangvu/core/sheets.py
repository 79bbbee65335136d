"""Reading rows of a spreadsheet (Excel or CSV) by their headings: shared by the imports of
organisations and people (`org.imports`) and the bulk update of tasks (`assignments.bulk`),
which keep their own checks and messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any


def cell_text(value: Any) -> str:
    """A cell as text: dates in ISO form, whole numbers without ".0", the rest stripped."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def heading_index(header: Iterable[Any]) -> dict[str, int]:
    """Each non-empty heading of the first row (casefolded) → its column."""
    return {cell_text(h).casefold(): i for i, h in enumerate(header) if h not in (None, "")}


def is_blank(raw: Sequence[Any] | None) -> bool:
    return raw is None or all(cell in (None, "") for cell in raw)


def values_by_heading(
    raw: Sequence[Any], index: dict[str, int], columns: dict[str, str]
) -> dict[str, str]:
    """The row's text under each of `columns` (key → heading); "" for a missing column."""
    values = {}
    for key, heading in columns.items():
        column = index.get(heading.casefold())
        values[key] = cell_text(raw[column]) if column is not None and column < len(raw) else ""
    return values
