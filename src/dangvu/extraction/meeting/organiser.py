"""The organiser: the body that held the meeting (or issued the directive) named in the text or
its title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dangvu.extraction import vocabulary as v
from dangvu.extraction.meeting._common import _body_tokens
from dangvu.extraction.meeting.leader import _LEADER_TITLE, body_signature
from dangvu.extraction.meeting.people import _ORG_HEAD, _SURNAMES
from dangvu.extraction.tokens import PhraseSet, Token, tokenize

# Lower-case words that still belong to a unit's name ("Đảng ủy xã Mỹ Thạnh", "UBND tỉnh").
_ORG_LOWER = frozenset(
    {
        "xã",
        "phường",
        "huyện",
        "tỉnh",
        "quận",
        "thị",
        "trấn",
        "thành",
        "phố",
        "ủy",
        "thường",
        "vụ",
        "ban",
        "chấp",
        "hành",
        "đảng",
        "bộ",
        "nhân",
        "dân",
        "khối",
        "cơ",
        "quan",
        "trực",
        "cụm",
        "chi",
    }
)
_ORG_VERBS = PhraseSet(
    ["tổ chức", "họp", "tiến hành", "triệu tập", "giao ban", "có ý kiến", "ban hành", "nhận được"]
)


# What a body does when it holds a meeting (the lenient reading asks for the meeting itself:
# "UBND huyện X và các cơ quan liên quan tổ chức kiểm tra" is a task, not a meeting).
_HOLDS_A_MEETING = PhraseSet(
    [
        "tổ chức hội nghị",
        "tổ chức cuộc họp",
        "tổ chức phiên họp",
        "tổ chức kỳ họp",
        "tổ chức buổi",
        "tổ chức họp",
        "họp",
        "triệu tập",
    ]
)
# "Hội nghị", "Hội thảo", "Hội thi": events, not an association ("Hội Nông dân").
_EVENTS_NOT_BODIES = frozenset({"nghị", "thảo", "thi", "diễn"})


def _person_name_at(tokens: Sequence[Token], j: int) -> bool:
    """Three or more capitalised syllables opening with a family name: a person, not a place
    ("Nguyễn Văn Khôi"; "Hồ Chí Minh" is the city)."""
    if tokens[j].key not in _SURNAMES or not tokens[j].is_capitalised:
        return False
    k = j
    while k < len(tokens) and k - j < 5 and tokens[k].is_capitalised and tokens[k].text.isalpha():
        k += 1
    run = [t.key for t in tokens[j:k]]
    return k - j >= 3 and run[:3] != ["hồ", "chí", "minh"]


def _body_before_verb(text: str, start: int, verbs: PhraseSet, lenient: bool = False) -> str | None:
    """The first capitalised body name followed by one of ``verbs`` ("Đảng ủy xã X | tổ chức").
    ``lenient`` also reads lower-case words of a name ("Sở Y tế", "Sở Giáo dục và Đào tạo") and
    steps over a leader's name before the verb ("UBND TP | Nguyễn Văn Khôi | yêu cầu")."""
    tokens = _body_tokens(text, start)
    for i, tok in enumerate(tokens):
        head = _ORG_HEAD.match(tokens, i)
        if not tok.is_capitalised or not head:
            continue
        if tok.key == "hội" and i + 1 < len(tokens) and tokens[i + 1].key in _EVENTS_NOT_BODIES:
            continue
        prev = tokens[i - 1] if i > 0 else None
        if (
            prev is not None
            and prev.text.isalpha()
            and prev.key not in {"chủ", "tịch"}
            and "\n" not in text[prev.end : tok.start]
        ):
            continue  # inside a longer phrase, not the subject
        j = i + head
        while j < len(tokens) and j - i < 14:
            t = tokens[j]
            if t.text == "(" and j + 2 < len(tokens) and tokens[j + 2].text == ")":
                j += 3
                continue
            if t.is_lower and verbs.match(tokens, j):
                break
            if _person_name_at(tokens, j):
                break  # "UBND TP | Nguyễn Văn Khôi yêu cầu": the name is not the body's
            if t.is_capitalised or (t.is_lower and t.key in _ORG_LOWER):
                j += 1
                continue
            if (
                lenient
                and t.is_lower
                and t.key not in {"cũng", "vừa", "đã", "sẽ", "đang", "thì", "mà"}
                and not v.PREDICATE_STARTERS.match(tokens, j)
            ):
                j += 1
                continue
            break
        k = j
        if lenient and k < len(tokens) and _person_name_at(tokens, k):
            while k < len(tokens) and tokens[k].is_capitalised:
                k += 1
        while k < len(tokens) and tokens[k].key in {"đã", "vừa", "cũng", "sẽ"}:
            k += 1
        if k < len(tokens) and tokens[k].is_lower and verbs.match(tokens, k):
            return text[tok.start : tokens[j - 1].end]
    return None


# Verbs that name the body only when nothing held a meeting ("Sở Y tế đề nghị ...", "BTV Huyện ủy
# đã duyệt ...", "Ban Thường vụ Đảng ủy xã do đồng chí X chủ trì ...").
_ISSUER_VERBS = PhraseSet(
    [
        "yêu cầu",
        "đề nghị",
        "chỉ đạo",
        "chỉ thị",
        "duyệt",
        "chọn",
        "làm việc",
        "có buổi làm việc",
        "do",
        "thống nhất",
        "quyết định",
        "cho ý kiến",
        "thông qua",
        "giao",
        "lưu ý",
        "chủ trì",
    ]
)
# "cuộc họp trực tuyến của UBND tỉnh", "phiên họp thứ 26 của Thường trực HĐND tỉnh".
_MEETING_OF = re.compile(
    r"\b(?:hội nghị|cuộc họp|phiên họp|kỳ họp|buổi làm việc|buổi họp)\b[^.,;:\n]{0,40}?\bcủa\s+"
    r"(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])",
    re.I,
)


def find_organiser(text: str, start: int = 0) -> str | None:
    """The body that held the meeting or issued the directive: "Đảng ủy xã X tổ chức hội nghị
    ...", else "cuộc họp ... của UBND tỉnh", else the subject of "Sở Y tế đề nghị ...", "BTV Huyện
    ủy đã duyệt ..."."""
    found = _body_before_verb(text, start, _ORG_VERBS)
    if found:
        return found
    for m in _MEETING_OF.finditer(text, start):
        body = _body_at(text, m.end())
        if body:
            return body
    # "Sở Y tế tỉnh X tổ chức …", "Đảng ủy Khối các cơ quan tỉnh tổ chức …": lower-case words of
    # the name, read only once no stricter reading has found the body
    return _body_before_verb(text, start, _HOLDS_A_MEETING, lenient=True) or _body_before_verb(
        text, start, _ISSUER_VERBS, lenient=True
    )


def _body_at(text: str, position: int) -> str | None:
    """The body name starting at ``position`` ("UBND tỉnh Nghệ An", "Thường trực HĐND tỉnh")."""
    tokens = tokenize(text, position, min(len(text), position + 200))
    if not tokens or not tokens[0].is_capitalised or not _ORG_HEAD.match(tokens, 0):
        return None
    j = _ORG_HEAD.match(tokens, 0)
    while j < len(tokens) and j < 14:
        t = tokens[j]
        if _person_name_at(tokens, j):
            break
        if t.is_capitalised or (t.is_lower and t.key in _ORG_LOWER):
            j += 1
            continue
        break
    return text[tokens[0].start : tokens[j - 1].end]


def organiser_from_title(title: str | None) -> str | None:
    """The body a chair's title heads, when the text names no organiser ("Chủ tịch UBND tỉnh" ->
    "UBND tỉnh", "Phó Bí thư Thường trực Quận ủy" -> "Quận ủy")."""
    if not title:
        return None
    for segment in re.split(r",|;", title):
        head = _LEADER_TITLE.match(segment.strip())
        if head and body_signature(head.group("unit")) is not None:
            return head.group("unit").strip()
    return None
