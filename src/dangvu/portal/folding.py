"""Case- and diacritics-blind text for the portal's search ("Đảng ủy", "dang uy", "ĐẢNG UỶ" are
one key). The folded form is stored beside the page, so the same `LIKE` answers on SQLite and
PostgreSQL without collations or extensions."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """ "Đồng chí Ngô Mạnh Điềm" -> "dong chi ngo manh diem" (lower case, no marks, đ -> d,
    punctuation as single spaces)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SPACES.sub(" ", bare).strip()


def terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query, longest first, at most `limit` (short words kept only when
    the query has nothing else)."""
    words = [word for word in fold(query).split(" ") if word]
    words = sorted(set(words), key=lambda word: (-len(word), word))
    return words[:limit]
