"""A unit's contribution uploaded as a Word file, split into the outline's sections by matching
its headings to the section titles (numbers and case ignored, diacritics kept)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NUMBERING = re.compile(
    r"^\s*((phần\s+thứ\s+\w+|[IVXLC]+|\d+(\.\d+)*|[a-zđ])\s*[.):\-–]\s*)+", re.IGNORECASE
)
SUBHEADINGS = {
    "kết quả": "results",
    "kết quả đạt được": "results",
    "hạn chế": "shortcomings",
    "hạn chế, khuyết điểm": "shortcomings",
    "tồn tại, hạn chế": "shortcomings",
    "nhiệm vụ": "tasks",
    "nhiệm vụ kỳ tới": "tasks",
    "nhiệm vụ trọng tâm": "tasks",
    "nhiệm vụ trọng tâm kỳ tới": "tasks",
}


def normalise(title: str) -> str:
    title = unicodedata.normalize("NFC", title)
    title = _NUMBERING.sub("", title)
    return " ".join(title.lower().replace(":", " ").split()).strip(" .")


@dataclass
class SplitResult:
    sections: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def split_docx(data: bytes, titles: dict[int, str]) -> SplitResult:
    """Cut the document at headings (Heading styles or bold one-line paragraphs) that match a
    section title (`titles`: the topics the units write on). Inside a section, "Kết quả",
    "Hạn chế" and "Nhiệm vụ" sub-headings route the text to results, shortcomings and tasks
    (results when there is none). Text before the first matched heading, or under an unknown
    heading, is listed as unmatched."""
    import docx  # python-docx

    from dangvu.core.uploads import check_docx

    if zipfile.is_zipfile(io.BytesIO(data)):  # not a ZIP: python-docx's message below
        check_docx(_("the Word document"), data)  # paragraphs, expanded size within the budgets
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValidationError(
            _("This file is not a Word document (.docx) that can be read: %(error)s")
            % {"error": error.__class__.__name__}
        ) from None
    except Exception:  # python-docx raises assorted errors on damaged parts
        raise ValidationError(_("This Word document is damaged and cannot be read.")) from None
    by_title = {normalise(title): pk for pk, title in titles.items()}
    result = SplitResult()
    current: int | None = None
    part = "results"
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        runs = [r for r in paragraph.runs if r.text.strip()]
        looks_heading = style.lower().startswith("heading") or (
            bool(runs) and all(r.bold for r in runs) and len(text) < 200
        )
        key = normalise(text)
        # A sub-heading first: "Hạn chế, khuyết điểm" is also the title of the outline's own
        # shortcomings section, and the paragraphs under it belong to the topic being read. A line
        # that is exactly a sub-heading's words is one, bold or not.
        if key in SUBHEADINGS and current is not None:
            part = SUBHEADINGS[key]
            continue
        if looks_heading and key in by_title:
            current, part = by_title[key], "results"
            continue
        if current is None:
            result.unmatched.append(text)
            continue
        section = result.sections.setdefault(
            current, {"results": [], "shortcomings": [], "tasks": []}
        )
        section[part].append(text)
    if not result.sections:
        raise ValidationError(
            _(
                "No heading of this document matches a section of the outline; use the "
                "section titles as headings."
            )
        )
    return result
