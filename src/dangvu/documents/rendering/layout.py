"""The parts of a Party document in page order (HD 36): page, header, title, addressees, body,
annex, closing; `render_docx` puts them together."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dangvu.core.text import xml_safe
from dangvu.documents.rendering.document import (
    Block,
    Margins,
    PartyDocument,
    Signature,
    number_line,
    place_and_date,
)
from dangvu.documents.rendering.docx_parts import (
    A4_HEIGHT_MM,
    A4_WIDTH_MM,
    BODY_PT,
    FONT,
    HEADER_PT,
    PARTY_TITLE_PT,
    RECIPIENTS_PT,
    TYPE_NAME_PT,
    _bottom_rule,
    _paragraph,
    _run,
    _set_run_font,
    _two_columns,
)
from dangvu.documents.signing import signature_lines

# --- the document -------------------------------------------------------------------------------

# The header is one borderless table as wide as the text, with no cell padding. The left column
# holds the superior body on one line even for the longest name of a province-level Party
# organisation, "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH" (84.5 mm at 14 pt in Times New Roman); the
# right column holds "ĐẢNG CỘNG SẢN VIỆT NAM" (72.9 mm at 15 pt bold) and the place and date
# (78.2 mm for "Long Biên, ngày 30 tháng 12 năm 2020"). Tests measure these with the font.
HEADER_LEFT_MM = 86.0
PARTY_TITLE_MM = 73.0  # the rule under the title is as long as the title (HD 36)
LANGUAGE = "vi-VN"


def _page(doc: object, margins: Margins) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(A4_WIDTH_MM)
    section.page_height = Mm(A4_HEIGHT_MM)
    section.top_margin = Mm(margins.top_mm)
    section.bottom_margin = Mm(margins.bottom_mm)
    section.left_margin = Mm(margins.left_mm)
    section.right_margin = Mm(margins.right_mm)
    section.header_distance = Mm(margins.top_mm / 2)
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_run_font(normal.element)
    _set_language(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = True
    _language_defaults(doc)


def _set_language(r_pr: object) -> None:
    """`w:lang` vi-VN for every script, so Word checks the spelling in Vietnamese."""
    lang = r_pr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)  # type: ignore[attr-defined]
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)


def _language_defaults(doc: object) -> None:
    styles = doc.styles.element  # type: ignore[attr-defined]
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    _set_language(r_pr)


def _page_numbers(doc: object) -> None:
    """Page numbers from page 2, top centre (HD 36): the first page has its own, empty header."""
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_element = OxmlElement("w:fldSimple")
    field_element.set(qn("w:instr"), " PAGE ")
    run = _run("2", size=BODY_PT, bold=False, italic=False, underline=False)
    field_element.append(run)
    paragraph._p.append(field_element)
    first = section.first_page_header.paragraphs[0]
    first.text = ""


def _no_cell_padding(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def _keep_row_together(table: Table) -> None:
    """The row is not split over two pages and each of its paragraphs keeps with the next, so
    the block moves whole to the next page."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.keep_together = True


def _mark(container: object, text: str) -> None:
    """The độ mật / độ khẩn mark: bold capitals in a box, centred under the number."""
    paragraph = _paragraph(container, "", size=HEADER_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_before = Pt(4)
    run = _run(text, size=HEADER_PT, bold=True, italic=False, underline=False)
    r_pr = run.find(qn("w:rPr"))
    border = OxmlElement("w:bdr")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "8"),
        ("w:space", "2"),
        ("w:color", "000000"),
    ):
        border.set(qn(attr), value)
    # w:bdr comes after w:sz/w:szCs/w:u in the schema's order: at the end is right here.
    r_pr.append(border)
    paragraph._p.append(run)


def _header(doc: object, document: PartyDocument, width_mm: float) -> None:
    left_mm = HEADER_LEFT_MM
    right_mm = width_mm - left_mm
    left, right = _two_columns(doc, left_mm, right_mm)
    _no_cell_padding(_table_of(left))
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(
        left, document.superior_body, size=HEADER_PT, align=center, existing=left.paragraphs[0]
    )
    _paragraph(left, document.issuing_body, size=HEADER_PT, bold=True, align=center)
    _paragraph(left, "*", size=HEADER_PT, align=center)
    if document.numbered:
        _paragraph(left, number_line(document), size=HEADER_PT, align=center)
    for mark in (document.confidentiality, document.urgency):
        if mark.strip():
            _mark(left, mark.strip().upper())

    _paragraph(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        size=PARTY_TITLE_PT,
        bold=True,
        align=center,
        existing=right.paragraphs[0],
    )
    # The rule under the title: an empty, tiny paragraph indented so that its bottom border is
    # a centred line as long as the title.
    rule = _paragraph(right, "", size=2, align=center)
    rule_indent = Mm(max((right_mm - PARTY_TITLE_MM) / 2, 0))
    rule.paragraph_format.left_indent = rule_indent
    rule.paragraph_format.right_indent = rule_indent
    rule.paragraph_format.line_spacing = Pt(2)
    _bottom_rule(rule)
    _paragraph(right, "", size=8)
    _paragraph(right, place_and_date(document), size=HEADER_PT, italic=True, align=center)


def _table_of(cell: _Cell) -> Table:
    return Table(cell._tc.getparent().getparent(), cell._parent)


def _title(doc: object, document: PartyDocument) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(doc, "", space_after=6)
    title = _paragraph(doc, document.type_name, size=TYPE_NAME_PT, bold=True, align=center)
    title.paragraph_format.keep_with_next = True
    if document.summary:
        summary = _paragraph(doc, document.summary, size=BODY_PT, bold=True, align=center)
        summary.paragraph_format.keep_with_next = True
    _paragraph(doc, "-----", size=BODY_PT, align=center, space_after=12)
    if document.addressees:
        _addressees(doc, document.addressees)


def _addressees(doc: object, addressees: list[str]) -> None:
    """ "Kính gửi: …" centred for one addressee; a list under it for several."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    if len(addressees) == 1:
        _paragraph(doc, f"Kính gửi: {addressees[0]}", size=BODY_PT, align=center, space_after=12)
        return
    _paragraph(doc, "Kính gửi:", size=BODY_PT, align=center)
    for index, addressee in enumerate(addressees):
        last = index == len(addressees) - 1
        paragraph = _paragraph(doc, f"- {addressee}", size=BODY_PT, space_after=12 if last else 0)
        paragraph.paragraph_format.left_indent = Mm(45)


def _table(doc: object, block: Block, width_mm: float) -> None:
    rows = block.rows
    if not rows:
        return
    columns = len(rows[0])
    widths = block.widths_mm or [width_mm / columns] * columns
    table = doc.add_table(rows=0, cols=columns)  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        if index == 0:
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on each page
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = Mm(width)
            # Headings, numbers and marks ("x") are centred; text reads from the left.
            short = len(value) <= 3 or value.replace(".", "").replace(",", "").isdigit()
            _paragraph(
                cell,
                value,
                size=13,
                bold=index == 0,
                align=WD_ALIGN_PARAGRAPH.CENTER if index == 0 or short else WD_ALIGN_PARAGRAPH.LEFT,
                existing=cell.paragraphs[0],
            )
    _paragraph(doc, "", space_after=6)


def _body(doc: object, blocks: list[Block], width_mm: float) -> None:
    last: Paragraph | None = None
    for block in blocks:
        if block.kind == "table":
            _table(doc, block, width_mm)
            last = None
            continue
        centred = block.kind == "heading" and block.level == 0
        paragraph = _paragraph(
            doc,
            block.text,
            size=BODY_PT,
            bold=block.kind == "heading",
            italic=block.kind == "heading" and block.level >= 3,
            align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY,
            space_after=6,
            first_line_cm=0 if centred else 1.0,
        )
        paragraph.paragraph_format.line_spacing = 1.15
        if block.kind == "heading":
            # A heading never ends a page: it goes with the paragraph it announces.
            paragraph.paragraph_format.keep_with_next = True
        last = paragraph
    if last is not None:
        # The last paragraph goes with the signature: the signer block and "Nơi nhận" never
        # stand alone on the last page.
        last.paragraph_format.keep_with_next = True
        last.paragraph_format.keep_together = True


def _annex(doc: object, document: PartyDocument, width_mm: float) -> None:
    """The annex on a new page: "PHỤ LỤC", its title, the note "(Kèm theo …)", then blocks."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = _paragraph(doc, "PHỤ LỤC", size=BODY_PT, bold=True, align=center)
    first.paragraph_format.page_break_before = True
    if document.annex_title:
        _paragraph(doc, document.annex_title, size=BODY_PT, bold=True, align=center)
    if document.annex_note:
        _paragraph(doc, document.annex_note, size=BODY_PT, italic=True, align=center)
    _paragraph(doc, "", space_after=6)
    for block in document.annex:
        if block.kind == "table":
            _table(doc, block, width_mm)
        else:
            _paragraph(doc, block.text, size=BODY_PT, bold=block.kind == "heading")


def signature_block_lines(signature: Signature, issuing_body: str) -> list[str]:
    return signature_lines(signature.authority, signature.title, issuing_body)


def _signer(cell: _Cell, signature: Signature, issuing_body: str, *, first: bool) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    lines = signature_block_lines(signature, issuing_body) or [""]
    for index, line in enumerate(lines):
        _paragraph(
            cell,
            line,
            size=BODY_PT,
            bold=True,
            align=center,
            existing=cell.paragraphs[0] if first and index == 0 else None,
        )
    # Room for the signature and the seal: four empty lines, then the name (or, on a draft,
    # the place where it will be written).
    for _blank in range(4):
        _paragraph(cell, "", size=BODY_PT)
    _paragraph(cell, signature.name, size=BODY_PT, bold=True, align=center)


def _closing(doc: object, document: PartyDocument, width_mm: float) -> None:
    spacer = _paragraph(doc, "", space_after=6)
    spacer.paragraph_format.keep_with_next = True
    left_mm = width_mm * 0.5
    left, right = _two_columns(doc, left_mm, width_mm - left_mm)
    if document.left_signature is not None:
        _signer(left, document.left_signature, document.issuing_body, first=True)
    elif document.recipients:
        _paragraph(left, "Nơi nhận:", size=BODY_PT, underline=True, existing=left.paragraphs[0])
        for recipient in document.recipients:
            line = _paragraph(left, f"- {recipient}", size=RECIPIENTS_PT)
            # A long recipient wraps under its text, not under the dash.
            line.paragraph_format.left_indent = Mm(3)
            line.paragraph_format.first_line_indent = Mm(-3)
    _signer(right, document.signature, document.issuing_body, first=True)
    _keep_row_together(_table_of(right))


def render_docx(document: PartyDocument) -> bytes:
    """The document as DOCX bytes: A4, Times New Roman, body 14 pt, language vi-VN, page
    numbers from page 2 at the top centre, the header, title, body, signature and recipients
    laid out as Hướng dẫn 36-HD/VPTW shows them."""
    doc = Document()
    _page(doc, document.margins)
    _page_numbers(doc)
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
    properties.language = LANGUAGE
    _header(doc, document, width_mm)
    _title(doc, document)
    _body(doc, document.body, width_mm)
    _closing(doc, document, width_mm)
    if document.annex:
        _annex(doc, document, width_mm)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
