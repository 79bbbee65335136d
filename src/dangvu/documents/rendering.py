"""Party documents as DOCX, in the format of Hướng dẫn 36-HD/VPTW (2018).

Pure python-docx: no Django model is imported here, so reports, conclusion notices and anything
else that issues a document describe it as a `PartyDocument` and get the same layout:

    ĐẢNG BỘ THÀNH PHỐ HÀ NỘI              ĐẢNG CỘNG SẢN VIỆT NAM
      QUẬN ỦY LONG BIÊN                   ──────────────
             *                  Long Biên, ngày 12 tháng 9 năm 2020
        Số 125-BC/QU
                          BÁO CÁO
                     <trích yếu, bold>
                           -----
    <body: justified, first-line indent, headings bold>
    Nơi nhận:                                T/M BAN THƯỜNG VỤ
    - ...                                  PHÓ BÍ THƯ THƯỜNG TRỰC
                                             <name>
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from typing import Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dangvu.core.dates import long_date
from dangvu.core.text import xml_safe

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 14  # issuing body, number, place and date
PARTY_TITLE_PT = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM"
TYPE_NAME_PT = 16
RECIPIENTS_PT = 12
A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297


@dataclass
class Signature:
    authority: str  # "T/M BAN THƯỜNG VỤ", "T/L BAN THƯỜNG VỤ", "K/T BÍ THƯ"…
    title: str  # "PHÓ BÍ THƯ THƯỜNG TRỰC"
    name: str  # "Ngô Mạnh Điềm"


@dataclass
class Block:
    kind: Literal["heading", "paragraph"]
    text: str
    level: int = 1  # headings 1..3; their numbering ("I.", "1.", "a)") is part of the text


@dataclass
class Margins:
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15


@dataclass
class PartyDocument:
    superior_body: str  # "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    issuing_body: str  # "QUẬN ỦY LONG BIÊN"
    type_code: str  # "BC", "TB"…
    issuer_code: str  # "QU"
    number: int | None  # None for drafts: "Số    -BC/QU"
    place: str  # "Long Biên"
    date: dt.date | None
    type_name: str  # "BÁO CÁO", "THÔNG BÁO"
    summary: str  # trích yếu
    body: list[Block]
    signature: Signature
    recipients: list[str]  # Nơi nhận
    draft_label: str | None = None  # "DỰ THẢO (lần 2)": printed at the top when set
    margins: Margins = field(default_factory=Margins)


def number_line(document: PartyDocument) -> str:
    """ "Số 125-BC/QU"; a draft leaves room for the number: "Số    -BC/QU"."""
    number = str(document.number) if document.number is not None else "\u00a0" * 4
    return f"Số {number}-{document.type_code}/{document.issuer_code}"


def place_and_date(document: PartyDocument) -> str:
    """ "Long Biên, ngày 12 tháng 9 năm 2020", or blanks for the day not yet known."""
    if document.date is None:
        blank = "\u00a0" * 4
        return f"{document.place}, ngày{blank}tháng{blank}năm{blank}"
    return f"{document.place}, {long_date(document.date)}"


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


def _run(text: str, *, size: float, bold: bool, italic: bool, underline: bool) -> object:
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


# --- the document -------------------------------------------------------------------------------


def _page(doc: object, margins: Margins) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(A4_WIDTH_MM)
    section.page_height = Mm(A4_HEIGHT_MM)
    section.top_margin = Mm(margins.top_mm)
    section.bottom_margin = Mm(margins.bottom_mm)
    section.left_margin = Mm(margins.left_mm)
    section.right_margin = Mm(margins.right_mm)
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_run_font(normal.element)
    normal.paragraph_format.space_after = Pt(0)


def _header(doc: object, document: PartyDocument, width_mm: float) -> None:
    left_mm = width_mm * 0.45
    left, right = _two_columns(doc, left_mm, width_mm - left_mm)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(
        left, document.superior_body, size=HEADER_PT, align=center, existing=left.paragraphs[0]
    )
    _paragraph(left, document.issuing_body, size=HEADER_PT, bold=True, align=center)
    _paragraph(left, "*", size=HEADER_PT, align=center)
    _paragraph(left, number_line(document), size=HEADER_PT, align=center)

    _paragraph(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        size=PARTY_TITLE_PT,
        bold=True,
        align=center,
        existing=right.paragraphs[0],
    )
    # The short rule under the title: an empty, tiny paragraph, indented so that its bottom
    # border is a centred line about a third of the column wide.
    rule = _paragraph(right, "", size=2, align=center)
    rule_indent = Mm((width_mm - left_mm) * 0.32)
    rule.paragraph_format.left_indent = rule_indent
    rule.paragraph_format.right_indent = rule_indent
    rule.paragraph_format.line_spacing = Pt(2)
    _bottom_rule(rule)
    _paragraph(right, "", size=8)
    _paragraph(right, place_and_date(document), size=HEADER_PT, italic=True, align=center)


def _title(doc: object, document: PartyDocument) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(doc, "", space_after=6)
    _paragraph(doc, document.type_name, size=TYPE_NAME_PT, bold=True, align=center)
    if document.summary:
        _paragraph(doc, document.summary, size=BODY_PT, bold=True, align=center)
    _paragraph(doc, "-----", size=BODY_PT, align=center, space_after=12)


def _body(doc: object, blocks: list[Block]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in blocks:
        paragraph = _paragraph(
            doc,
            block.text,
            size=BODY_PT,
            bold=block.kind == "heading",
            italic=block.kind == "heading" and block.level >= 3,
            align=justify,
            space_after=6,
            first_line_cm=1.0,
        )
        paragraph.paragraph_format.line_spacing = 1.15


def _closing(doc: object, signature: Signature, recipients: list[str], width_mm: float) -> None:
    _paragraph(doc, "", space_after=6)
    left_mm = width_mm * 0.5
    left, right = _two_columns(doc, left_mm, width_mm - left_mm)
    if recipients:
        _paragraph(left, "Nơi nhận:", size=BODY_PT, underline=True, existing=left.paragraphs[0])
        for recipient in recipients:
            _paragraph(left, f"- {recipient}", size=RECIPIENTS_PT)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(
        right,
        signature.authority,
        size=BODY_PT,
        bold=True,
        align=center,
        existing=right.paragraphs[0],
    )
    _paragraph(right, signature.title, size=BODY_PT, bold=True, align=center)
    for _blank in range(4):
        _paragraph(right, "", size=BODY_PT)
    _paragraph(right, signature.name, size=BODY_PT, bold=True, align=center)


def render_docx(document: PartyDocument) -> bytes:
    """The document as DOCX bytes: A4, Times New Roman, body 14 pt, the header, title, body,
    signature and recipients laid out as Hướng dẫn 36-HD/VPTW shows them."""
    doc = Document()
    _page(doc, document.margins)
    width_mm = A4_WIDTH_MM - document.margins.left_mm - document.margins.right_mm
    if document.draft_label:
        _paragraph(
            doc,
            document.draft_label,
            size=BODY_PT,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            space_after=6,
        )
    properties = doc.core_properties
    properties.author = xml_safe(document.issuing_body)
    properties.title = xml_safe(f"{document.type_name} {document.summary}".strip()[:250])
    properties.comments = ""
    _header(doc, document, width_mm)
    _title(doc, document)
    _body(doc, document.body)
    _closing(doc, document.signature, document.recipients, width_mm)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
