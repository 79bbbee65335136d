"""Matching a unit name as written in a text to a unit of the organisation tree (cây tổ chức)."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

from dangvu.extraction.abbreviations import expand_abbreviations
from dangvu.extraction.normalisation import fold_key, strip_diacritics

K = TypeVar("K", bound=Hashable)

_WORD = re.compile(r"[^\W_]+")
# Words that say nothing about which unit is meant.
_NOISE = frozenset(
    {
        "các",
        "những",
        "của",
        "và",
        "với",
        "có",
        "liên",
        "quan",
        "đồng",
        "chí",
        "cơ",
        "trên",
        "địa",
        "bàn",
    }
)
_THRESHOLD = 0.62
_NOISE_PLAIN = frozenset(strip_diacritics(w) for w in _NOISE)


@lru_cache(maxsize=8192)
def _normalise(name: str) -> str:
    # Cached: the review screen matches every task of a text against the same candidate units.
    expanded = expand_abbreviations(unicodedata.normalize("NFC", name))
    return " ".join(fold_key(w) for w in _WORD.findall(expanded))


def _words(normalised: str) -> list[str]:
    return [w for w in normalised.split() if w not in _NOISE]


def _similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    common = len(set(wa) & set(wb))
    overlap = 2 * common / (len(set(wa)) + len(set(wb)))
    ratio = SequenceMatcher(None, " ".join(wa), " ".join(wb), autojunk=False).ratio()
    return max(overlap, ratio * 0.95)


class _Form:
    """A folded name ready for comparison: its informative words, as a set and joined."""

    __slots__ = ("joined", "words")

    def __init__(self, normalised: str) -> None:
        words = _words(normalised)
        self.words = frozenset(words)
        self.joined = " ".join(words)


def _form_similarity(a: _Form, b: _Form, floor: float) -> float:
    """``_similarity`` on prepared forms; the character ratio is computed only when its upper
    bounds (from the lengths, then from the characters) could lift the result above ``floor``."""
    if not a.words or not b.words:
        return 0.0
    overlap = 2 * len(a.words & b.words) / (len(a.words) + len(b.words))
    bound = max(overlap, floor)
    la, lb = len(a.joined), len(b.joined)
    if 0.95 * 2 * min(la, lb) / (la + lb) < bound:
        return overlap
    matcher = SequenceMatcher(None, a.joined, b.joined, autojunk=False)
    if 0.95 * matcher.quick_ratio() < bound:
        return overlap
    return max(overlap, matcher.ratio() * 0.95)


def _index_words(normalised: str, plain: str) -> set[str]:
    return set(_words(normalised)) | {w for w in plain.split() if w not in _NOISE_PLAIN}


class UnitIndex:
    """The units of a tree indexed by their folded names, for matching many names quickly.

    Built once per list of candidates (``(key, name, short_name)``): exact folded names go to a
    dictionary, and every informative word (with and without diacritics) to the candidates that
    use it. A name is then compared in full only with the few candidates sharing most of its words
    (``SHORTLIST``), not with every unit: about a millisecond at 3,000 units instead of a scan.
    A candidate that shares no word with the name (not even without diacritics) is not proposed.
    """

    SHORTLIST = 24

    def __init__(self, candidates: Sequence[tuple[K, str, str | None]]) -> None:
        self._keys: list[object] = []
        self._options: list[list[tuple[_Form, _Form]]] = []
        self._exact: dict[str, int] = {}
        self._words: dict[str, list[int]] = {}
        for position, (key, full, short) in enumerate(candidates):
            self._keys.append(key)
            options: list[tuple[_Form, _Form]] = []
            seen: set[str] = set()
            for option in (full, short):
                if not option:
                    continue
                normalised = _normalise(option)
                plain = strip_diacritics(normalised)
                options.append((_Form(normalised), _Form(plain)))
                self._exact.setdefault(normalised, position)
                for word in _index_words(normalised, plain):
                    if word not in seen:
                        seen.add(word)
                        self._words.setdefault(word, []).append(position)
            self._options.append(options)

    def __len__(self) -> int:
        return len(self._keys)

    def match(self, name: str) -> object | None:
        target = _normalise(name)
        words = _words(target)
        if not words:
            return None
        exact = self._exact.get(target)
        if exact is not None:
            return self._keys[exact]
        target_plain = strip_diacritics(target)
        # Candidates weighted by the rarity of the words they share with the name; words used by
        # more than a quarter of the units ("phường", "chi bộ") only count when the name has no
        # other word.
        present = [w for w in _index_words(target, target_plain) if w in self._words]
        if not present:
            return None
        common_limit = max(self.SHORTLIST, len(self._keys) // 4)
        rare = [w for w in present if len(self._words[w]) <= common_limit] or present
        shared: dict[int, float] = {}
        for word in rare:
            weight = math.log((1 + len(self._keys)) / len(self._words[word]))
            for position in self._words[word]:
                shared[position] = shared.get(position, 0.0) + weight
        shortlist = heapq.nsmallest(self.SHORTLIST, shared, key=lambda p: (-shared[p], p))
        best_score, best_position = -1.0, -1
        target_form, plain_form = _Form(target), _Form(target_plain)
        for position in shortlist:
            score = 0.0
            for normalised, plain in self._options[position]:
                # Below the best so far (or below the threshold) a candidate cannot win: the
                # cheap upper bounds spare most of the full comparisons.
                floor = max(score, best_score, _THRESHOLD - 1e-9)
                score = max(
                    score,
                    _form_similarity(target_form, normalised, floor),
                    0.97 * _form_similarity(plain_form, plain, floor / 0.97),
                )
            if score > best_score or (score == best_score and position < best_position):
                best_score, best_position = score, position
        if best_score < _THRESHOLD:
            return None
        return self._keys[best_position]


def match_unit(name: str, candidates: Sequence[tuple[K, str, str | None]] | UnitIndex) -> K | None:
    """The key of the candidate unit that ``name`` designates, or None when no candidate is
    close enough.

    ``candidates`` are ``(key, name, short_name)``, or a ``UnitIndex`` built from them (build it
    once when matching many names against the same tree). Comparison expands abbreviations
    ("UBND" = "Ủy ban nhân dân"), ignores case and tone-mark placement, and falls back to a
    diacritics-free comparison for text typed without accents; generic addressees ("các cơ
    quan, đơn vị") match nothing.
    """
    index = candidates if isinstance(candidates, UnitIndex) else UnitIndex(candidates)
    return index.match(name)  # type: ignore[return-value]


def match_unit_by_scan(name: str, candidates: Sequence[tuple[K, str, str | None]]) -> K | None:
    """The former matching, comparing ``name`` with every candidate (kept for the benchmark and
    to check that the index proposes the same units)."""
    target = _normalise(name)
    if not _words(target):
        return None
    target_plain = strip_diacritics(target)
    best: tuple[float, int] | None = None
    best_key: K | None = None
    for position, (key, full, short) in enumerate(candidates):
        score = 0.0
        for option in (full, short):
            if not option:
                continue
            normalised = _normalise(option)
            if normalised == target:
                return key
            score = max(
                score,
                _similarity(target, normalised),
                0.97 * _similarity(target_plain, strip_diacritics(normalised)),
            )
        if best is None or score > best[0]:
            best, best_key = (score, position), key
    if best is None or best[0] < _THRESHOLD:
        return None
    return best_key
