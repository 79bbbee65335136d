"""Text as the site keeps it: one Unicode form, no invisible or control characters.

Everything typed or uploaded passes through `clean_text` (forms by `core.forms.install_input_gate`,
the API by `core.schema_types`), so a name typed in NFD is found by its NFC spelling, and a
right-to-left override or a zero-width space cannot hide inside a unit's name. Documents and
workbooks pass their values through `xml_safe`, because XML 1.0 cannot hold most C0 controls
(Word's Shift+Enter stores a vertical tab) and a single one makes python-docx/openpyxl fail.

`strip_marks` and `fold` are the one way to make Vietnamese text diacritics-blind (issue 18): the
organisation search, the portal's search and the extraction's fuzzy unit matching all use them.
This module imports nothing of Django, so the Django-free extraction may import it.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters, bidi embeddings/overrides/isolates, word joiner and invisible operators,
# the byte-order mark, the soft hyphen and the Mongolian vowel separator.
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
# Line-like separators that Word and browsers produce: vertical tab, form feed, NEL, LS, PS.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Remaining C0/C1 controls (tab and newline are dealt with separately), and lone surrogates.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
# What XML 1.0 cannot hold at all.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """NFC; line separators (vertical tab, form feed, CR, U+2028…) become a newline in multi-line
    text and a space in a one-line value; other control and invisible characters are removed."""
    if not value:
        return value
    value = _CONTROLS.sub("", value)  # lone surrogates first: NFC cannot encode them
    value = unicodedata.normalize("NFC", value)
    value = _LINE_BREAKS.sub("\n" if multiline else " ", value)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return _INVISIBLE.sub("", value)


def has_lone_surrogate(value: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in value)


def xml_safe(value: str) -> str:
    """The text without the characters XML 1.0 cannot hold: a vertical tab or form feed becomes a
    newline (what Word meant by it), every other one is dropped."""
    if not value:
        return value
    value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    return _NOT_XML.sub("", value)


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, as the
# start of one after its own parsing): "=HYPERLINK(…)" typed in a name must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value to put in a CSV or workbook cell: text that a spreadsheet would run as a formula is
    prefixed with an apostrophe (OWASP's advice); numbers, dates and empty cells are unchanged;
    characters XML cannot hold are removed."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def strip_marks(text: str) -> str:
    """ "Đảng ủy" → "Dang uy": no diacritics, đ as d, case and spacing kept."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """ "Đảng ủy phường THƯỢNG THANH" → "dang uy phuong thuong thanh": lower case, no diacritics,
    đ as d, runs of spaces as one. Stored next to names so that SQLite and PostgreSQL search
    alike (SQLite's LIKE folds ASCII only)."""
    return " ".join(strip_marks(text).casefold().split())
