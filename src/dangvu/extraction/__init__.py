"""Extraction of meetings and tasks from Vietnamese conclusions and directives (pure Python, no
Django).

Public API::

    extract(text) -> ExtractionResult          # .meeting, .tasks, .to_dict()
    ExtractionError                            # bad input; str(exc) is a Vietnamese message
    text_from_docx(data) -> str                # .docx bytes to text
    match_unit(name, candidates) -> key | None # unit name to a unit of the organisation tree
    UnitIndex(candidates).match(name)          # the same, indexed once for many names
    expand_abbreviations(text) -> str          # "UBND" -> "Ủy ban nhân dân", ...
    parse_deadline(expr, reference) -> date | None
"""

from __future__ import annotations

from dangvu.extraction.abbreviations import expand_abbreviations
from dangvu.extraction.dates import parse_deadline
from dangvu.extraction.docx_input import text_from_docx
from dangvu.extraction.errors import ExtractionError
from dangvu.extraction.extractor import extract
from dangvu.extraction.model import ExtractionResult, Meeting, Task
from dangvu.extraction.units import UnitIndex, match_unit

__all__ = [
    "ExtractionError",
    "ExtractionResult",
    "Meeting",
    "Task",
    "UnitIndex",
    "expand_abbreviations",
    "extract",
    "match_unit",
    "parse_deadline",
    "text_from_docx",
]
