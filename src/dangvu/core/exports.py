"""The one way to put stored text into a CSV or a workbook (`safe_row`, `csv_writer`): a value a
spreadsheet would run as a formula ("=HYPERLINK(…)" typed in an organisation's name, an
invitation, a task) comes out as text, and characters XML cannot hold are dropped, so that a
vertical tab from Word does not make the export fail."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from dangvu.core.text import safe_cell, xml_safe

__all__ = ["csv_writer", "safe_cell", "safe_row", "xml_safe"]


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


class _SafeWriter:
    def __init__(self, target: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(target, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(target: Any, **kwargs: Any) -> _SafeWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""
    return _SafeWriter(target, **kwargs)
