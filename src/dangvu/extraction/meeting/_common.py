"""What the readers of a meeting share: the meeting words and date patterns, titles and
honorifics, the tokens of the body, the `Chair` found."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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
        "chỉ rõ",
        "nhắc nhở",
        "giao nhiệm vụ",
        "giao cho",
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
