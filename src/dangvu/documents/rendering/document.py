"""A Party document as data: what the issuer fills in, and the number and date lines of its
header."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from dangvu.core.dates import long_date


@dataclass
class Signature:
    authority: str  # "T/M BAN THƯỜNG VỤ", "T/L BAN THƯỜNG VỤ", "K/T BÍ THƯ"…
    title: str  # "PHÓ BÍ THƯ THƯỜNG TRỰC"
    name: str  # "Ngô Mạnh Điềm"


@dataclass
class Block:
    kind: Literal["heading", "paragraph", "table"]
    text: str
    # Headings 0..3: 0 is centred ("PHẦN THỨ NHẤT"); the numbering ("I.", "1.", "a)") is part
    # of the text.
    level: int = 1
    # A table (the delegate list): the first row is the heading row; widths in millimetres.
    rows: list[list[str]] = field(default_factory=list)
    widths_mm: list[float] = field(default_factory=list)


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
    confidentiality: str = ""  # độ mật: "MẬT", "TỐI MẬT", "TUYỆT MẬT", under the number
    urgency: str = ""  # độ khẩn: "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", under the độ mật mark
    # A second signer in the left column instead of "Nơi nhận" (the biên bản: the secretary
    # on the left, the chair on the right).
    left_signature: Signature | None = None
    # The opening line under the trích yếu for letters ("Kính gửi: …"), none for most types.
    addressees: list[str] = field(default_factory=list)
    # A list or an attachment carries no "Số …" line (the delegate list).
    numbered: bool = True
    # An annex on its own page after the signature ("PHỤ LỤC" / title / "(Kèm theo …)").
    annex: list[Block] = field(default_factory=list)
    annex_title: str = ""
    annex_note: str = ""


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
