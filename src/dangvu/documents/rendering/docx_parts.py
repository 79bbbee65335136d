"""Low-level python-docx helpers: fonts, runs, paragraphs, borderless tables, rules."""

from __future__ import annotations

import copy
import functools
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dangvu.core.text import xml_safe

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 14  # issuing body, number, place and date
PARTY_TITLE_PT = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM"
TYPE_NAME_PT = 16
RECIPIENTS_PT = 12
A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297


# --- low-level helpers --------------------------------------------------------------------------


def _set_run_font(run_element: object, size_pt: float | None = None) -> None:
    """Times New Roman for every script (Vietnamese letters fall under eastAsia/cs in Word)."""
    r_pr = run_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _paragraph(
    container: object,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    space_after: float = 0,
    first_line_cm: float | None = None,
    existing: Paragraph | None = None,
) -> Paragraph:
    paragraph = existing or _new_paragraph(container)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    if text:
        paragraph._p.append(_run(text, size=size, bold=bold, italic=italic, underline=underline))
    return paragraph


@functools.cache
def _run_properties(size: float, bold: bool, italic: bool, underline: bool) -> object:
    """The `w:rPr` of a run, built once per combination and copied into each run."""
    r_pr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    r_pr.append(fonts)
    # Children of w:rPr in the order the schema requires: b, i, u after rFonts; sz, szCs, u…
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            r_pr.append(OxmlElement(tag))
    half_points = str(round(size * 2))
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), half_points)
        r_pr.append(element)
    if underline:
        element = OxmlElement("w:u")
        element.set(qn("w:val"), "single")
        r_pr.append(element)
    return r_pr


def _run(text: str, *, size: float, bold: bool, italic: bool, underline: bool) -> Any:
    """A `w:r` built directly: python-docx's run API adds the text character by character and
    looks up each property's place among its siblings, several milliseconds a paragraph."""
    run = OxmlElement("w:r")
    run.append(copy.deepcopy(_run_properties(size, bold, italic, underline)))
    t = OxmlElement("w:t")
    t.text = xml_safe(text)  # a vertical tab (Word's Shift+Enter) stored in a text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _new_paragraph(container: object) -> Paragraph:
    """A paragraph at the end of `container`. For the document body, the new `w:p` goes straight
    before the section properties: python-docx's `add_paragraph` searches the body's children for
    `w:sectPr` on every call, which makes a long report quadratic."""
    if isinstance(container, DocxDocument):
        body = container.element.body
        sect_pr = body.find(qn("w:sectPr"))
        p = OxmlElement("w:p")
        if sect_pr is not None and sect_pr.getparent() is body:
            sect_pr.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, container._body)
    return container.add_paragraph()  # type: ignore[attr-defined]


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _bottom_rule(paragraph: Paragraph) -> None:
    """A thin line under the paragraph: with the paragraph indented, a short centred rule."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


def _two_columns(document: object, left_mm: float, right_mm: float) -> tuple[_Cell, _Cell]:
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width = Mm(left_mm)
    right.width = Mm(right_mm)
    for column, width in zip(table.columns, (left_mm, right_mm), strict=True):
        column.width = Mm(width)
    return left, right
