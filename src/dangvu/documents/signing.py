"""The signer block of a Party document (Hướng dẫn 36-HD/VPTW, thẩm quyền ký):

- T/M (thay mặt) a collective body: "T/M BAN THƯỜNG VỤ" then the signer's own title,
  "PHÓ BÍ THƯ THƯỜNG TRỰC" or "BÍ THƯ". A deputy signs for the collective directly: no "K/T
  BÍ THƯ" line between them (K/T is for the head of a staff body, "K/T TRƯỞNG BAN");
- K/T (ký thay) the head: "K/T BÍ THƯ" then "PHÓ BÍ THƯ";
- T/L (thừa lệnh) and TUQ (thừa ủy quyền): "T/L BAN THƯỜNG VỤ" then "CHÁNH VĂN PHÒNG".

The header already names the issuing body, so the title line does not repeat it: "PHÓ BÍ THƯ
THƯỜNG TRỰC QUẬN ỦY" under "T/M BAN THƯỜNG VỤ" becomes "PHÓ BÍ THƯ THƯỜNG TRỰC". Pure Python."""

from __future__ import annotations

import re

MODES = ("T/M", "K/T", "T/L", "TUQ")
# Kinds of committee a title may end with: "… QUẬN ỦY", "… ĐẢNG ỦY PHƯỜNG BỒ ĐỀ".
COMMITTEE_WORDS = ("THÀNH ỦY", "TỈNH ỦY", "QUẬN ỦY", "HUYỆN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "CHI ỦY")
DEFAULT_AUTHORITY = "T/M BAN THƯỜNG VỤ"


def signing_mode(authority: str) -> str:
    """ "T/M", "K/T", "T/L", "TUQ", or "" when the authority line names none (a signer alone)."""
    head = authority.strip().upper().replace("TL.", "T/L").replace("TM.", "T/M")
    for mode in MODES:
        if head.startswith(mode):
            return mode
    return ""


def _upper(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).upper()


def clean_title(title: str, issuing_body: str) -> str:
    """The signer's title without the issuing body the header already names."""
    text = _upper(title)
    body = _upper(issuing_body)
    if body and text.endswith(" " + body):
        text = text[: -len(body) - 1]
    for word in COMMITTEE_WORDS:
        if text.endswith(" " + word):
            text = text[: -len(word) - 1]
            break
        # "… QUẬN ỦY LONG BIÊN" when the header says "QUẬN ỦY LONG BIÊN" was handled above;
        # "… QUẬN ỦY" with a place that is not the header's stays as written.
    return text.strip()


def signature_lines(authority: str, title: str, issuing_body: str) -> list[str]:
    """The bold lines above the signature, in order, without repeats: the authority line
    (T/M…, K/T…, T/L…, TUQ…) and the signer's title, each upper case. A title written on two
    lines ("K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN") keeps both, except a K/T under T/M."""
    lines: list[str] = []
    authority_line = _upper(authority)
    on_behalf = signing_mode(authority_line) == "T/M"
    if authority_line:
        lines.append(authority_line)
    for part in re.split(r"\n|\s/\s", title or ""):
        cleaned = clean_title(part, issuing_body)
        if not cleaned or cleaned in lines:
            continue
        if on_behalf and signing_mode(cleaned) == "K/T":
            continue  # "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ", never "… / K/T BÍ THƯ / PHÓ BÍ THƯ"
        # "T/M BAN THƯỜNG VỤ" and a title "BAN THƯỜNG VỤ" say the same thing once.
        if authority_line.endswith(" " + cleaned):
            continue
        lines.append(cleaned)
    return lines
