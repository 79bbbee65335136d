"""Case- and diacritics-blind text for the portal's search ("Đảng ủy", "dang uy", "ĐẢNG UỶ" are
one key). The folded form is stored beside the page, so the same `LIKE` answers on SQLite and
PostgreSQL without collations or extensions. Built on the one fold (`core.text.fold`), with
punctuation as spaces besides."""

from __future__ import annotations

import re

from dangvu.core.text import fold as core_fold

_SPACES = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """ "Đồng chí Ngô Mạnh Điềm" -> "dong chi ngo manh diem" (lower case, no marks, đ -> d,
    punctuation as single spaces)."""
    return _SPACES.sub(" ", core_fold(text)).strip()


def terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query, longest first, at most `limit` (short words kept only when
    the query has nothing else)."""
    words = [word for word in fold(query).split(" ") if word]
    words = sorted(set(words), key=lambda word: (-len(word), word))
    return words[:limit]
