"""The meeting a conclusion comes from: its date, its chair (người chủ trì / kết luận) and the
organiser.

A visiting superior who only "phát biểu chỉ đạo" is not the chair; a written directive has no
meeting.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dangvu.extraction import vocabulary as v
from dangvu.extraction.normalisation import fold_key
from dangvu.extraction.tokens import PhraseSet, Token, tokenize

_MEETING_WORDS = re.compile(
    r"hội nghị|họp|buổi làm việc|làm việc|giao ban|hội thảo|tọa đàm|toạ đàm|chủ trì|đại hội|sơ kết|"
    r"tổng kết|duyệt|kỳ họp|phiên|hội ý",
    re.I,
)
_MEETING_DATE = re.compile(
    r"(?:\b(?:sáng|chiều|tối|trưa)\s*(?:(?:thứ\s+\w+|chủ\s+nhật|nay|qua|hôm\s+nay|hôm\s+qua),?\s*)?"
    r"(?:hôm\s+)?\(?\s*(?:ngày\s+)?|\bngày\s+)"
    # "ngày 14 và 15/8", "ngày 14-15/8": a meeting of two days is dated by its first
    r"(?:(?P<first>\d{1,2})\s*(?:và|,|–|-(?=\s*\d{1,2}\s*[/.]))\s*(?=\d{1,2}\s*[/.\-]\s*\d{1,2}))?"
    r"(?:(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<vd>\d{1,2})\s+tháng\s+(?P<vm>\d{1,2})(?:\s*,?\s*năm\s+(?P<vy>\d{4}))?)",
    re.I,
)
_ISO_DATE = re.compile(r"\bdate\s+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
# Dates that belong to something else: publication stamps, document references, deadlines.
_NOT_MEETING_BEFORE = re.compile(
    r"(?:đăng|cập nhật|cập nhập|số\s+\S+|ban hành|trước|đến|hạn|từ|sau|kể từ|nhận được)"
    r"\s*[:,]?\s*$",
    re.I,
)
_ISSUED = re.compile(r"\b(?:ban hành|có công văn|gửi công văn|ký|có văn bản)\b", re.I)
_YEAR_ANYWHERE = re.compile(r"(?<![\d/.\-])(?:19[5-9]\d|20\d{2})(?![\d/])")
_FULL_DATE = re.compile(r"(?<![\d/])\d{1,2}\s*([/.\-])\s*\d{1,2}\s*\1\s*(?P<y>(?:19|20)\d{2})\b")

_HONORIFICS = PhraseSet(["đồng chí", "đ/c", "ông", "bà"])
# Words after a person's title where the title ends.
_TITLE_END = PhraseSet(
    [
        "đã",
        "chủ trì",
        "kết luận",
        "phát biểu",
        "yêu cầu",
        "đề nghị",
        "nhấn mạnh",
        "ghi nhận",
        "cho biết",
        "dự",
        "đánh giá",
        "khẳng định",
        "biểu dương",
        "chỉ đạo",
        "cơ bản",
        "thống nhất",
        "trao",
        "lưu ý",
        "đến",
        "làm việc",
        "tham dự",
        "vừa",
        "đồng thời",
        "cùng",
        "và",
        "tại",
        "trình bày",
        "quán triệt",
        "chúc mừng",
        "nêu",
        "cảm ơn",
        "đề cập",
        "điều hành",
        "có",
        "chia sẻ",
        "thay mặt",
        "tặng",
        "họp",
        "tổ chức",
        "tiến hành",
    ]
)
_NOT_NAME_START = frozenset(
    {
        "bí",
        "chủ",
        "phó",
        "ủy",
        "trưởng",
        "giám",
        "thường",
        "tổng",
        "chánh",
        "ban",
        "đại",
        "huyện",
        "tỉnh",
        "quận",
        "thành",
        "hội",
        "ubnd",
        "hđnd",
        "tuv",
        "uvtv",
        "các",
        "văn",
        "trung",
        "đảng",
        "sở",
        "phòng",
        "ngày",
        "sau",
        "tại",
        "trong",
        "kết",
        "phát",
        "thủ",
        "bộ",
        "chính",
        "quốc",
        "nhà",
        "công",
        "chi",
    }
)
_MEETING_OBJECT = PhraseSet(
    [
        "hội nghị",
        "cuộc họp",
        "buổi làm việc",
        "phiên họp",
        "kỳ họp",
        "buổi",
        "hội thảo",
        "tọa đàm",
        "đại hội",
        "họp",
    ]
)


@functools.lru_cache(maxsize=4)
def _body_tokens(text: str, start: int) -> list[Token]:
    """The tokens of the body (its first 20,000 characters), read once for the chair, the
    organiser and the directing leader of the same text."""
    return tokenize(text, start, min(len(text), start + 20_000))


@dataclass(frozen=True, slots=True)
class Chair:
    name: str
    title: str | None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    right_candidates = [p for p in (text.find("\n", end), text.find(". ", end)) if p != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


_STAMP_LINE = re.compile(r"^\s*(?:ngày đăng|đăng ngày|cập nhật|ngày cập nhật|ngày)\s*:?", re.I)
# Years that do not date anything: terms and periods ("nhiệm kỳ 2021 - 2026", "đến năm 2030").
_NOT_A_DATE_YEAR = re.compile(
    r"(?:nhiệm kỳ|giai đoạn|khóa|khoá|tầm nhìn|đến năm|tới năm|từ năm)\s*(?:\d{4}\s*[-–]\s*)?$",
    re.I,
)


def _title_and_lead(text: str) -> str:
    """The first two non-empty lines: the title and the lead paragraph."""
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:2])


_NAMED_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19[5-9]|20\d)\d)\b(?!\s*[-–]\s*\d)", re.I)
# A full date elsewhere in the text dates the meeting's year only when it lies this close to it
# (the documents a meeting discusses, the session it prepares); a resolution of December does not
# date a meeting of April.
_NEAR_DAYS = 100


def _near(year: int, month: int, day: int, other: date) -> bool:
    try:
        held = date(year, month, day)
    except ValueError:
        return False
    return abs((held - other).days) <= _NEAR_DAYS


def fallback_year(text: str, month: int | None = None, day: int | None = None) -> int | None:
    """The text's own year when the meeting sentence gives none. It comes only from the text
    itself, never from the URL or today, never from a term ("nhiệm kỳ 2021 - 2026"): a full date
    on a "Ngày đăng" line; else a full date lying within about three months of the meeting's day
    (the title's, a document it is about, the session it prepares); else a year named as "năm
    2024" (not "đến năm 2030"), in the title or lead first."""
    head = _title_and_lead(text)
    for m in _FULL_DATE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _STAMP_LINE.match(text[line_start : m.start()]):
            return int(m.group("y"))
    if month is not None and day is not None:
        for m in _ANY_DMY.finditer(text):
            found = _safe_dmy(m)
            if found is not None and _near(found.year, month, day, found):
                return found.year
        for m in _MONTH_YEAR.finditer(text):
            mid = (
                date(int(m.group("y")), int(m.group("m")), 15)
                if 1 <= int(m.group("m")) <= 12
                else None
            )
            if mid is not None and _near(mid.year, month, day, mid):
                return mid.year
    for scope in (head, text):
        for m in _NAMED_YEAR.finditer(scope):
            if _NOT_A_DATE_YEAR.search(scope[max(0, m.start() - 20) : m.start()]):
                continue
            return int(m.group("y"))
    for m in _YEAR_ANYWHERE.finditer(head):
        before = head[max(0, m.start() - 20) : m.start()]
        after = head[m.end() : m.end() + 3]
        if _NOT_A_DATE_YEAR.search(before) or re.match(r"\s*[-–]\s*\d", after):
            continue
        if re.search(r"\d\s*[-–]\s*$", before):
            continue  # the end of a range "2020 - 2025"
        return int(m.group())
    return None


_ANY_DMY = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<y>(?:19|20)\d{2})\b"
    r"|(?P<vd>\d{1,2})\s+tháng\s+(?P<vm>\d{1,2})\s*,?\s*năm\s+(?P<vy>(?:19|20)\d{2})",
    re.I,
)


_MONTH_YEAR = re.compile(
    r"\btháng\s+(?P<m>\d{1,2})\s*(?:/|-|,?\s*năm)\s*(?P<y>(?:19|20)\d{2})\b", re.I
)


def _safe_dmy(m: re.Match[str]) -> date | None:
    try:
        return date(
            int(m.group("y") or m.group("vy")),
            int(m.group("m") or m.group("vm")),
            int(m.group("d") or m.group("vd")),
        )
    except ValueError:
        return None


def meeting_date(text: str, start: int = 0) -> date | None:
    if m := _ISO_DATE.search(text, start):
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            pass
    for m in _MEETING_DATE.finditer(text, start):
        if _NOT_MEETING_BEFORE.search(text[max(start, m.start() - 30) : m.start()]):
            continue
        s, e = _sentence_bounds(text, m.start(), m.end())
        if not _MEETING_WORDS.search(text, s, e):
            continue
        if _ISSUED.search(text, m.end(), min(e, m.end() + 80)):
            continue  # "Ngày 24/5, UBND tỉnh ban hành Công văn ...": a document, not a meeting
        day = int(m.group("first") or m.group("d") or m.group("vd"))
        month = int(m.group("m") or m.group("vm"))
        year_text = m.group("y") or m.group("vy")
        year = int(year_text) if year_text else fallback_year(text[start:], month, day)
        if year is None:
            continue
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


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
        j += 1
    return (i, j) if j - i >= 2 else None


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
            candidate = _chair_before(text, tokens, j) or _bare_chair(text, tokens, j)
            if candidate is None and (tok.is_capitalised or _MEETING_OBJECT.match(tokens, after)):
                candidate = _chair_after(text, tokens, after, 12)
            if candidate is None and follow is not None and follow.key == "của":
                # "dưới sự chủ trì của đồng chí X, Bí thư Huyện ủy"
                candidate = _chair_after(text, tokens, after + 1, 4)
            if candidate is None and tok.is_capitalised:
                continue
            presided = candidate
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
    return _body_before_verb(text, start, _ISSUER_VERBS, lenient=True)


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


# --- the host's leader who gives the directives -------------------------------------------------

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
    ["yêu cầu", "đề nghị", "chỉ đạo", "kết luận", "nhấn mạnh", "lưu ý", "giao", "đề ra"]
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
        if candidate is not None and _leads_host(candidate.title, organiser):
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
