"""Matching a unit name as written in a text to a unit of the organisation tree (cây tổ chức)."""

from __future__ import annotations

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


def match_unit(name: str, candidates: Sequence[tuple[K, str, str | None]]) -> K | None:
    """The key of the candidate unit that ``name`` designates, or None when no candidate is
    close enough.

    ``candidates`` are ``(key, name, short_name)``. Comparison expands abbreviations ("UBND" =
    "Ủy ban nhân dân"), ignores case and tone-mark placement, and falls back to a
    diacritics-free comparison for text typed without accents; generic addressees ("các cơ
    quan, đơn vị") match nothing.
    """
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
