"""People: a person's name after an honorific or a title, the chair (người chủ trì / kết luận),
the host's speaker. A visiting superior who only "phát biểu chỉ đạo" is not the chair."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dangvu.extraction.meeting._common import (
    _HONORIFICS,
    _MEETING_OBJECT,
    _NOT_NAME_START,
    _TITLE_END,
    Chair,
    _body_tokens,
)
from dangvu.extraction.normalisation import fold_key
from dangvu.extraction.tokens import PhraseSet, Token, tokenize


def _person_name(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """A personal name (2–5 capitalised syllables) starting at token ``i``."""
    if i >= len(tokens) or tokens[i].key in _NOT_NAME_START:
        return None
    j = i
    while j < len(tokens) and j - i < 5:
        tok = tokens[j]
        if not (tok.is_capitalised and tok.text.isalpha()) or (
            tok.text.isupper() and len(tok.text) > 1
        ):
            break
        if j > i and _TITLE_STARTS.match(tokens, j):
            break  # "Dương Ngọc Dũng Bí thư …" with no comma: the title starts here
        j += 1
    return (i, j) if j - i >= 2 else None


_TITLE_STARTS = PhraseSet(
    [
        "bí thư",
        "chủ tịch",
        "phó",
        "giám đốc",
        "trưởng ban",
        "trưởng phòng",
        "trưởng đoàn",
        "ủy viên",
        "uỷ viên",
        "tổng bí thư",
        "tổng giám đốc",
        "chánh văn phòng",
        "chánh thanh tra",
        "chánh án",
    ]
)


def _person_at(tokens: Sequence[Token], i: int, allow_bare: bool) -> tuple[int, int] | None:
    honorific = _HONORIFICS.match(tokens, i)
    if honorific:
        return _person_name(tokens, i + honorific)
    return _person_name(tokens, i) if allow_bare else None


# Common Vietnamese family names: a capitalised run starting with one, after a title, is a person
# even without "đồng chí" / "ông" ("Chủ tịch UBND huyện Nguyễn Văn An chủ trì ...").
_SURNAMES = frozenset(
    fold_key(name)
    for name in [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đinh",
        "Mai",
        "Trịnh",
        "Trương",
        "Lâm",
        "Phùng",
        "Đoàn",
        "Lương",
        "Tạ",
        "Hà",
        "Cao",
        "Chu",
        "Tô",
        "Lưu",
        "Vương",
        "Thái",
        "Hứa",
        "Kiều",
        "Triệu",
        "Tăng",
        "Quách",
        "Lại",
        "Doãn",
        "Đàm",
        "Nông",
        "Lò",
        "Lục",
        "Thân",
        "Khúc",
        "Mạc",
        "La",
        "Âu",
        "Tôn",
        "Châu",
        "Giang",
        "Lã",
        "Kim",
        "Từ",
        "Nghiêm",
        "Bế",
        "Đồng",
        "Hầu",
        "Ông",
        "Quan",
        "Tống",
        "Thạch",
        "Sơn",
        "Vi",
        "Hoàng",
        "Lường",
        "Cầm",
        "Hà",
        "Mẫn",
        "Ninh",
        "Phí",
        "Tiêu",
        "Ngọ",
        "Kha",
        "Diệp",
        "Viên",
        "Ứng",
        "Bạch",
    ]
)
_PERSON_TITLES = PhraseSet(
    ["chủ tịch", "bí thư", "giám đốc", "trưởng ban", "trưởng phòng", "phó", "chánh", "thủ trưởng"]
)


def _bare_name_before(tokens: Sequence[Token], end: int) -> tuple[int, int, int] | None:
    """(title start, name start, name end) of "Chủ tịch UBND huyện Nguyễn Văn An | chủ trì"."""
    k = end
    while k > 0 and end - k < 4 and tokens[k - 1].is_capitalised and tokens[k - 1].text.isalpha():
        k -= 1
    for name_start in range(k, end - 1):
        if tokens[name_start].key in _SURNAMES:
            title_start = next(
                (
                    t
                    for t in range(max(0, name_start - 8), name_start)
                    if _PERSON_TITLES.match(tokens, t)
                ),
                None,
            )
            if title_start is not None and all(
                tokens[x].text not in {".", ";", ","} for x in range(title_start, name_start)
            ):
                return title_start, name_start, end
            return None
    return None


def _bare_chair(source: str, tokens: Sequence[Token], end: int) -> Chair | None:
    found = _bare_name_before(tokens, end)
    if found is None:
        return None
    title_start, name_start, name_end = found
    title = source[tokens[title_start].start : tokens[name_start - 1].end]
    return Chair(source[tokens[name_start].start : tokens[name_end - 1].end], title)


def _bare_chair_after(source: str, tokens: Sequence[Token], start: int) -> Chair | None:
    """A title-first chair right after "Kết luận hội nghị, ..." (within a few words)."""
    for i in range(start, min(len(tokens), start + 14)):
        if tokens[i].text in {".", ";"}:
            return None
        if tokens[i].key in _SURNAMES and tokens[i].is_capitalised:
            end = i
            while end < len(tokens) and end - i < 4 and tokens[end].is_capitalised:
                end += 1
            if end - i >= 2:
                return _bare_chair(source, tokens, end)
    return None


def _title_after(source: str, tokens: Sequence[Token], name_end: int) -> tuple[str | None, int]:
    """The title written after a name ("- Phó Bí thư Thường trực Quận ủy"), and where it ends."""
    j = name_end
    if j < len(tokens) and tokens[j].text == "(":
        # A photo caption "(bên phải)" between the name and the title.
        close = next((k for k in range(j, min(len(tokens), j + 8)) if tokens[k].text == ")"), None)
        if close is not None:
            j = close + 1
    if j < len(tokens) and tokens[j].text in {",", "-", "–", "—"}:
        j += 1
    start = j
    while j < len(tokens):
        tok = tokens[j]
        if tok.text in {";", ".", "(", ")", ":"} or (tok.is_lower and _TITLE_END.match(tokens, j)):
            break
        if (
            tok.text == ","
            and j + 1 < len(tokens)
            and tokens[j + 1].is_lower
            and _TITLE_END.match(tokens, j + 1)
        ):
            break
        j += 1
        if j - start > 30:
            return None, name_end
    end = j
    while end > start and tokens[end - 1].text in {",", "-", "–"}:
        end -= 1
    if end <= start:
        return None, j
    return source[tokens[start].start : tokens[end - 1].end], j


_BETWEEN_TITLE_AND_VERB = frozenset({"đã", "dự", "và", "đến", "cùng", "trực", "tiếp", ",", "vừa"})


def _chair_before(source: str, tokens: Sequence[Token], verb_index: int) -> Chair | None:
    """The person whose name and title run up to ``verb_index`` ("đồng chí X - title đã | chủ
    trì")."""
    for i in range(verb_index - 1, max(-1, verb_index - 40), -1):
        if tokens[i].text in {".", ";"}:
            return None
        person = _person_at(tokens, i, allow_bare=False)
        if person is None:
            continue
        title, k = _title_after(source, tokens, person[1])
        while k < verb_index and tokens[k].key in _BETWEEN_TITLE_AND_VERB:
            k += 1
        if k != verb_index:
            return None
        name = source[tokens[person[0]].start : tokens[person[1] - 1].end]
        return Chair(name, title)
    return None


def _chair_after(source: str, tokens: Sequence[Token], start: int, limit: int) -> Chair | None:
    """The first person named within ``limit`` tokens after ``start`` ("Chủ trì hội nghị: X,
    title")."""
    for i in range(start, min(len(tokens), start + limit)):
        if tokens[i].text in {".", ";"}:
            return None
        bare = i > 0 and tokens[i - 1].text in {":", ","}
        person = _person_at(tokens, i, allow_bare=bare)
        if person:
            title, _ = _title_after(source, tokens, person[1])
            return Chair(source[tokens[person[0]].start : tokens[person[1] - 1].end], title)
    return None


def _first_person_of_sentence(source: str, tokens: Sequence[Token], j: int) -> Chair | None:
    first = j
    while first > 0 and tokens[first - 1].text not in {".", ";", ":"}:
        first -= 1
    for i in range(first, j):
        person = _person_at(tokens, i, allow_bare=False)
        if person is None:
            found = _bare_name_before(tokens, i) if i > first else None
            if found is not None and tokens[i - 1].is_capitalised and not tokens[i].is_capitalised:
                return _bare_chair(source, tokens, i)
            continue
        title, _ = _title_after(source, tokens, person[1])
        return Chair(source[tokens[person[0]].start : tokens[person[1] - 1].end], title)
    return None


def find_chair(text: str, start: int = 0) -> Chair | None:
    tokens = _body_tokens(text, start)
    presided: Chair | None = None
    concluded: Chair | None = None
    for j, tok in enumerate(tokens):
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if tok.key == "chủ" and nxt is not None and nxt.key == "trì" and presided is None:
            after = j + 2
            follow = tokens[after] if after < len(tokens) else None
            if follow is not None and follow.text == ",":
                continue  # "giao X chủ trì, phối hợp ...": a task, not the meeting
            candidate = None
            if j > 0 and tokens[j - 1].key == "đồng":
                # "X, Bí thư … và Y, Chủ tịch … đồng chủ trì": the first named co-chair
                candidate = _first_person_of_sentence(text, tokens, j)
            candidate = candidate or _chair_before(text, tokens, j) or _bare_chair(text, tokens, j)
            if candidate is None and (tok.is_capitalised or _MEETING_OBJECT.match(tokens, after)):
                candidate = _chair_after(text, tokens, after, 12)
            if candidate is None and follow is not None and follow.key == "của":
                # "dưới sự chủ trì của đồng chí X, Bí thư Huyện ủy"
                candidate = _chair_after(text, tokens, after + 1, 4)
            if candidate is None and tok.is_capitalised:
                continue
            presided = candidate
        elif (
            tok.key == "điều"
            and nxt is not None
            and nxt.key == "hành"
            and presided is None
            and _MEETING_OBJECT.match(tokens, j + 2)
        ):
            # "đồng chí X, Chủ tịch UBND huyện điều hành cuộc họp": chairing it in other words
            presided = _chair_before(text, tokens, j) or _bare_chair(text, tokens, j)
        elif tok.key == "kết" and nxt is not None and nxt.key == "luận" and concluded is None:
            candidate = _chair_after(text, tokens, j + 2, 10) or _bare_chair_after(
                text, tokens, j + 2
            )
            if candidate is None:
                candidate = _chair_before(text, tokens, j)
                if candidate is None and j > 0 and tokens[j - 1].key == "biểu":
                    candidate = _chair_before(text, tokens, j - 2)
            concluded = candidate
    return presided or concluded


_SPEAKER = re.compile(
    r"[Pp]hát biểu (?:tại|trong) "
    r"(?:hội nghị|buổi làm việc|cuộc họp|phiên họp|kỳ họp|buổi họp)\s*,\s*",
)
_HEAD_TITLE = re.compile(r"^(?:Phó\s+)?(?:Bí thư|Chủ tịch)\s+(?P<unit>.+)$", re.I)


def find_host_speaker(text: str, organiser: str | None, start: int = 0) -> Chair | None:
    """The head of the organising body speaking at its own meeting ("Phát biểu tại hội nghị,
    đồng chí X,
    Bí thư Đảng ủy phường yêu cầu ..." when the Đảng ủy phường organised it): the chair in all
    but name.
    A guest's "phát biểu chỉ đạo" never matches."""
    if not organiser:
        return None
    org = organiser.lower()
    for m in _SPEAKER.finditer(text, start):
        tokens = tokenize(text, m.end(), min(len(text), m.end() + 400))
        person = _person_at(tokens, 0, allow_bare=False)
        if person is None:
            continue
        title, _ = _title_after(text, tokens, person[1])
        if not title:
            continue
        for segment in title.split(","):
            head = _HEAD_TITLE.match(segment.strip())
            if head and head.group("unit").lower() in org:
                name = text[tokens[person[0]].start : tokens[person[1] - 1].end]
                return Chair(name, title)
    return None


_ORG_HEAD = PhraseSet(
    [
        "ban thường vụ",
        "ban chấp hành",
        "thường trực",
        "ban",
        "đảng ủy",
        "đảng bộ",
        "huyện ủy",
        "quận ủy",
        "thành ủy",
        "tỉnh ủy",
        "thị ủy",
        "chi bộ",
        "chi ủy",
        "ubnd",
        "ủy ban nhân dân",
        "hđnd",
        "hội đồng nhân dân",
        "sở",
        "cụm",
        "btv",
        "văn phòng",
        "mặt trận",
        "ủy ban",
        "liên đoàn",
        "công an",
        "bộ",
        "trung tâm",
        "hội",
        "chi hội",
        "liên minh",
    ]
)
