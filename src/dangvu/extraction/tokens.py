"""Word tokens with character offsets, and multi-word phrase lookup over them.

Vietnamese writes one syllable per space-separated token, so a "word" such as "triển khai" is a
phrase of
two tokens; the rules match phrases of folded keys (see ``normalisation.fold_key``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dangvu.extraction.normalisation import fold_key

# Syllables (keeping "CT-XH", "Đ/c", "2020-2025" whole) or single punctuation characters.
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-/'’][^\W_]+)*|\S")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_lower(self) -> bool:
        """A lower-case word: verbs are only recognised in lower case, so "Tổ chức" inside a
        name is a noun."""
        return self.text[0].isalpha() and self.text[0].islower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isalpha() and self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    return [
        Token(m.group(), m.start(), m.end(), fold_key(m.group()))
        for m in _TOKEN_RE.finditer(text, start, stop)
    ]


class PhraseSet:
    """Multi-token phrases, matched by folded key at a token position (longest phrase wins)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            parts = tuple(fold_key(part) for part in phrase.split())
            if parts:
                self._by_first.setdefault(parts[0], []).append(parts)
        for options in self._by_first.values():
            options.sort(key=len, reverse=True)

    def match(self, tokens: Sequence[Token], index: int) -> int:
        """Length in tokens of the longest phrase starting at ``index`` (0 when none)."""
        if index >= len(tokens):
            return 0
        options = self._by_first.get(tokens[index].key)
        if not options:
            return 0
        for parts in options:
            end = index + len(parts)
            if end <= len(tokens) and all(
                tokens[index + k].key == parts[k] for k in range(1, len(parts))
            ):
                return len(parts)
        return 0

    def __contains__(self, key: str) -> bool:
        return fold_key(key) in self._by_first and any(
            len(p) == 1 for p in self._by_first[fold_key(key)]
        )
