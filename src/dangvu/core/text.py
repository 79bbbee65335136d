"""Text helpers shared by searches: a folded form that ignores case and Vietnamese diacritics."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """ "Đảng ủy phường THƯỢNG THANH" → "dang uy phuong thuong thanh": lower case, no diacritics,
    đ as d, runs of spaces as one. Stored next to names so that SQLite and PostgreSQL search
    alike (SQLite's LIKE folds ASCII only)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
