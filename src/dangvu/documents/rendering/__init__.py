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


One module a concept, re-exported here: `document` (the document as data), `docx_parts` (the
low-level python-docx helpers) and `layout` (the parts of the page in order)."""

from __future__ import annotations

from .document import (
    Block,
    Margins,
    PartyDocument,
    Signature,
    number_line,
    place_and_date,
)
from .docx_parts import (
    A4_HEIGHT_MM,
    A4_WIDTH_MM,
    BODY_PT,
    FONT,
    HEADER_PT,
    PARTY_TITLE_PT,
    RECIPIENTS_PT,
    TYPE_NAME_PT,
)
from .layout import (
    HEADER_LEFT_MM,
    LANGUAGE,
    PARTY_TITLE_MM,
    render_docx,
    signature_block_lines,
)

__all__ = [
    "A4_HEIGHT_MM",
    "A4_WIDTH_MM",
    "BODY_PT",
    "FONT",
    "HEADER_LEFT_MM",
    "HEADER_PT",
    "LANGUAGE",
    "PARTY_TITLE_MM",
    "PARTY_TITLE_PT",
    "RECIPIENTS_PT",
    "TYPE_NAME_PT",
    "Block",
    "Margins",
    "PartyDocument",
    "Signature",
    "number_line",
    "place_and_date",
    "render_docx",
    "signature_block_lines",
]
