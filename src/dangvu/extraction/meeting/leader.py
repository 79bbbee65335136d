"""The host's leader who gives the directives without the word "chủ trì" ("đồng chí X, Phó Bí
thư Thường trực Huyện ủy yêu cầu…", "Chủ tịch UBND tỉnh X yêu cầu…")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dangvu.extraction.meeting._common import Chair, _body_tokens
from dangvu.extraction.meeting.people import (
    _PERSON_TITLES,
    _SURNAMES,
    _bare_chair,
    _chair_before,
    _person_at,
    _title_after,
)
from dangvu.extraction.normalisation import fold_key
from dangvu.extraction.tokens import PhraseSet, Token

_LEVELS = ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "trung ương")
_PARTY_OF_LEVEL = {
    "huyện ủy": "huyện",
    "quận ủy": "quận",
    "thị ủy": "thị xã",
    "thành ủy": "thành phố",
    "tỉnh ủy": "tỉnh",
}
_BODY_KINDS = (
    ("ủy ban nhân dân", "ubnd"),
    ("ubnd", "ubnd"),
    ("hội đồng nhân dân", "hđnd"),
    ("hđnd", "hđnd"),
    ("đảng ủy", "party"),
    ("đảng bộ", "party"),
    ("chi bộ", "cell"),
    ("sở", "department"),
    ("ban", "board"),
)


def body_signature(phrase: str) -> tuple[str, str | None] | None:
    """(kind, level) of a body named in ``phrase``: "Huyện ủy Tân Phước" -> ("party", "huyện"),
    "UBND tỉnh Nghệ An" -> ("ubnd", "tỉnh"), "Đảng ủy phường" -> ("party", "phường")."""
    words = " ".join(fold_key(w) for w in re.findall(r"\w+", phrase))
    padded = f" {words} "
    for party, level in _PARTY_OF_LEVEL.items():
        if f" {party} " in padded:
            return "party", level
    for name, kind in _BODY_KINDS:
        at = padded.find(f" {name} ")
        if at == -1:
            continue
        rest = padded[at + len(name) + 2 :]
        found = next((lv for lv in _LEVELS if rest.startswith(f"{lv} ")), None)
        return kind, found
    return None


_LEADER_TITLE = re.compile(
    r"^(?:Phó\s+)?(?:Bí thư|Chủ tịch|Giám đốc|Trưởng ban|Trưởng)(?:\s+Thường trực)?"
    r"\s+(?P<unit>.+)$",
    re.I,
)


def _leads_host(title: str | None, organiser: str) -> bool:
    """True when one part of ``title`` heads the organising body ("Phó Bí thư Thường trực Huyện
    ủy" for "Huyện ủy Tân Phước", "Chủ tịch UBND tỉnh" for "UBND tỉnh Nghệ An")."""
    if not title:
        return False
    host = body_signature(organiser)
    if host is None:
        return False
    for segment in re.split(r",|;", title):
        head = _LEADER_TITLE.match(segment.strip())
        if head is None:
            continue
        unit = body_signature(head.group("unit"))
        if unit is None:
            continue
        if unit[0] == host[0] and (unit[1] is None or host[1] is None or unit[1] == host[1]):
            return True
        # A standing committee / executive of a Party body is led by that body's Bí thư.
        if unit[0] == "party" and host[0] in {"party", "board"} and unit[1] == host[1]:
            return True
    return False


_A_MEETING = re.compile(
    r"\b(?:hội nghị|cuộc họp|phiên họp|kỳ họp|buổi họp|buổi làm việc|họp|giao ban|hội ý)\b", re.I
)
_DIRECTING_VERBS = PhraseSet(
    [
        "yêu cầu",
        "đề nghị",
        "chỉ đạo",
        "kết luận",
        "nhấn mạnh",
        "lưu ý",
        "giao",
        "đề ra",
        "chỉ rõ",
        "nhắc nhở",
    ]
)


def _speaker_earlier_in_sentence(text: str, tokens: Sequence[Token], j: int) -> Chair | None:
    """The person named earlier in the sentence of the verb at ``j`` ("đồng chí X, title đã quán
    triệt và | yêu cầu ...")."""
    for i in range(j - 1, max(-1, j - 40), -1):
        if tokens[i].text in {".", ";", ":"}:
            return None
        person = _person_at(tokens, i, allow_bare=False)
        if person is not None:
            title, _ = _title_after(text, tokens, person[1])
            return Chair(text[tokens[person[0]].start : tokens[person[1] - 1].end], title)
    return None


def find_directing_leader(text: str, organiser: str | None, start: int = 0) -> Chair | None:
    """The host body's named leader who gives the meeting's directives, with or without the word
    "chủ trì" ("đồng chí X, Phó Bí thư Thường trực Huyện ủy yêu cầu ..." at a meeting of the Huyện
    ủy; "Chủ tịch UBND tỉnh X yêu cầu ..." at the UBND tỉnh). A guest, whose title heads another
    body, is not; nor is a leader known only by title (no name)."""
    if not organiser or not _A_MEETING.search(text, start):
        return None  # a written directive has no chair
    tokens = _body_tokens(text, start)
    for j, tok in enumerate(tokens):
        if not tok.is_lower or not _DIRECTING_VERBS.match(tokens, j):
            continue
        candidate = _chair_before(text, tokens, j) or _bare_chair(text, tokens, j)
        if candidate is None and j > 0 and tokens[j - 1].key in {"cũng", "đã", "tiếp"}:
            candidate = _chair_before(text, tokens, j - 1) or _bare_chair(text, tokens, j - 1)
        if candidate is None:
            candidate = _speaker_earlier_in_sentence(text, tokens, j)
        if candidate is None:
            candidate = _named_earlier(text, tokens, j)
        if candidate is None:
            candidate = _pronoun_earlier(text, tokens, j)
        if candidate is not None and _leads_host(candidate.title, organiser):
            return candidate
    return _reported_leader(text, tokens, organiser)


_HONORIFIC_ALONE = PhraseSet(["đồng chí", "đ/c", "ông", "bà"])
_ADVERBS_BEFORE_VERB = frozenset({"cũng", "đã", "tiếp", "còn"})


def _pronoun_earlier(text: str, tokens: Sequence[Token], j: int) -> Chair | None:
    """ "Đồng chí đề nghị ..." (an honorific with no name, at the start of a sentence or after
    "Kết luận hội nghị,") after the text has named someone: the person named last before it."""
    k = j
    while k > 0 and tokens[k - 1].key in _ADVERBS_BEFORE_VERB:
        k -= 1
    h = next(
        (h for h in range(max(0, k - 2), k) if _HONORIFIC_ALONE.match(tokens, h) == k - h), None
    )
    if h is None or not (h == 0 or tokens[h].is_capitalised or tokens[h - 1].text == ","):
        return None
    for i in range(h - 1, max(-1, h - 200), -1):
        person = _person_at(tokens, i, allow_bare=False)
        if person is None:
            continue
        title, _ = _title_after(text, tokens, person[1])
        if title:
            return Chair(text[tokens[person[0]].start : tokens[person[1] - 1].end], title)
    return None


_NEED_OR_ASK = PhraseSet(["cần", "phải", "yêu cầu", "đề nghị"])


def _reported_leader(text: str, tokens: Sequence[Token], organiser: str) -> Chair | None:
    """ "Theo Bí thư Huyện ủy X, các cấp ủy cần ...": the host's leader whose directive the text
    reports in his own words (a sentence that asks something of someone: "cần", "phải")."""
    for j, tok in enumerate(tokens):
        if tok.key != "theo" or not tok.is_capitalised:
            continue
        comma = next(
            (k for k in range(j + 1, min(len(tokens), j + 16)) if tokens[k].text in {",", "."}),
            None,
        )
        if comma is None or tokens[comma].text != ",":
            continue
        candidate = _bare_chair(text, tokens, comma) or _chair_before(text, tokens, comma)
        if candidate is None or not _leads_host(candidate.title, organiser):
            continue
        for k in range(comma + 1, min(len(tokens), comma + 40)):
            if tokens[k].text in {".", ";"}:
                break
            if tokens[k].is_lower and _NEED_OR_ASK.match(tokens, k):
                return candidate
    return None


def _title_only_before(text: str, tokens: Sequence[Token], j: int) -> str | None:
    """A leader's title, without a name, right before the verb at ``j`` ("Chủ tịch UBND huyện |
    đề nghị")."""
    for i in range(j - 1, max(-1, j - 8), -1):
        if tokens[i].text in {".", ";", ":", ","}:
            return None
        if _PERSON_TITLES.match(tokens, i) and tokens[i].is_capitalised:
            if any(
                tokens[k].key in _SURNAMES and tokens[k].is_capitalised for k in range(i + 1, j)
            ):
                return None
            return text[tokens[i].start : tokens[j - 1].end]
    return None


def _named_earlier(text: str, tokens: Sequence[Token], j: int) -> Chair | None:
    """ "Chủ tịch UBND huyện đề nghị ..." after the text has named "Chủ tịch UBND huyện Nguyễn Văn
    Lợi": the one person named earlier with that very title (none when two share it)."""
    title = _title_only_before(text, tokens, j)
    if title is None:
        return None
    wanted = fold_key(title)
    found: dict[str, Chair] = {}
    for end in range(2, j):
        if not (
            tokens[end - 1].is_capitalised
            and (end >= len(tokens) or not tokens[end].is_capitalised)
        ):
            continue
        person = _bare_chair(text, tokens, end)
        if person is not None and person.title and fold_key(person.title) == wanted:
            found[person.name] = person
    return next(iter(found.values())) if len(found) == 1 else None
