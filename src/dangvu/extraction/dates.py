"""Deadlines (thời hạn) and dates in Vietnamese text.

``parse_deadline`` turns one temporal expression into the latest calendar day it implies;
``find_deadlines`` finds the expressions in a text. Only expressions introduced by a temporal
preposition
("trước ngày", "trong tháng", "đến hết quý") are deadlines: "kinh tế - xã hội năm 2021" names a
period of the
plan, not a due date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# "15/10/2020", "15-10-2020", "15.10.2020", "15/10"
_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\d/])"
# "15 tháng 10 năm 2020"
_VERBOSE = r"(?P<vd>\d{1,2})\s+tháng\s+(?P<vm>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<vy>\d{4}))?"
_QUARTER = r"q[uú][yý]\s+(?P<q>IV|III|II|I|[1-4])\b(?:\s*(?:/|-|năm)\s*(?P<qy>\d{4}))?"
_PERIOD = r"(?P<pn>\d{1,2}|những|các|mấy)\s+tháng\s+(?P<pos>cuối|đầu)\s+năm(?:\s+(?P<py>\d{4}))?"
_MONTH = (
    r"(?:(?P<part>đầu|giữa|cuối)\s+)?tháng\s+(?P<mm>\d{1,2})"
    r"(?:\s*(?:/|\.|-|năm)\s*(?P<my>\d{4}))?(?![\d/])"
)
_YEAR = r"(?:(?P<ypart>cuối|giữa)\s+)?năm\s+(?P<yy>\d{4})"
_END_OF_YEAR = r"cuối\s+năm(?:\s+nay)?"
_RELATIVE = (
    r"(?:không\s+quá|trong\s+vòng|trong\s+thời\s+hạn|chậm\s+nhất\s+sau|sau)\s+\d+\s+(?:ngày|tuần|tháng|năm)"
    r"(?:\s+làm\s+việc)?(?:\s+(?:kể\s+từ|từ)\s+[^.;,\n]{0,80})?"
)
_EVENT = (
    r"(?:từ\s+nay\s+(?:đến|tới)(?:\s+hết)?\s+[^.;,\n]{1,60}"
    r"|(?:trong\s+|vào\s+)?dịp\s+[^.;,\n]{1,60}"
    r"|trước\s+(?:khi\s+)?(?:Tết|Đại\s+hội|kỳ\s+họp|Kỳ\s+họp|Hội\s+nghị|mùa)\b[^.;,\n]{0,60})"
)

_DATE_PREP = (
    r"(?:trước(?:\s+thời\s+điểm)?|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trước))?|muộn\s+nhất(?:\s+là)?"
    r"|hạn\s+(?:chót|cuối)(?:\s+là)?|đến\s+hết|đến|hạn|trong)"
    r"\s+(?:\d{1,2}\s*giờ(?:\s*\d{1,2})?(?:\s*phút)?(?:\s*(?:,|sáng|chiều))?\s*)?(?:(?:sáng|chiều)\s+)?"
)
_SPAN_PREP = (
    r"(?:trước|đến\s+hết|đến|hết|trong|ngay\s+trong|ngay\s+từ|chậm\s+nhất(?:\s+là)?|vào|cuối"
    r"|trước\s+và\s+trong)\s+(?:các\s+|những\s+)?"
)

# Strength orders competing matches: an explicit date beats a month, a month beats an event.
_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(_DATE_PREP + r"ngày\s+(?:" + _DMY + "|" + _VERBOSE + ")", re.I), 4),
    (
        re.compile(
            _DATE_PREP + r"(?:" + _DMY.replace("(?P<y>\\d{4}))?", "(?P<y>\\d{4}))") + ")", re.I
        ),
        4,
    ),
    # "trước 30/5": a day and month without "ngày" or a year, only with a slash.
    (
        re.compile(
            r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?)\s+"
            r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])",
            re.I,
        ),
        4,
    ),
    (re.compile(_SPAN_PREP + _QUARTER, re.I), 3),
    (re.compile(_SPAN_PREP + _PERIOD, re.I), 3),
    (re.compile(_SPAN_PREP + _MONTH, re.I), 3),
    (re.compile(_SPAN_PREP + _YEAR, re.I), 2),
    (re.compile(r"(?:trước|đến|trong|vào)\s+" + _END_OF_YEAR, re.I), 2),
    (re.compile(_RELATIVE, re.I), 1),
    (re.compile(_EVENT, re.I), 1),
)


@dataclass(frozen=True, slots=True)
class DeadlineMatch:
    expression: str
    start: int
    end: int
    strength: int


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(explicit: str | None, reference: date | None) -> int | None:
    if explicit:
        return int(explicit)
    return reference.year if reference else None


# A day and month without a year that fall this long before the reference day belong to the next
# year ("trước ngày 15/01" at a meeting of 20/12).
_ROLL_OVER_DAYS = 90


def _roll_over(found: date | None, *, explicit: bool, reference: date | None) -> date | None:
    if found is None or explicit or reference is None or (reference.month, reference.day) == (1, 1):
        return found
    if (reference - found).days > _ROLL_OVER_DAYS:
        return _safe_date(found.year + 1, found.month, found.day)
    return found


_P_RELATIVE = re.compile(_RELATIVE + r"|kể\s+từ|sau\s+khi", re.I)
_P_VERBOSE = re.compile(_VERBOSE, re.I)
_P_DMY = re.compile(_DMY)
_P_QUARTER = re.compile(_QUARTER, re.I)
_P_PERIOD = re.compile(_PERIOD, re.I)
_P_MONTH = re.compile(_MONTH, re.I)
_P_YEAR = re.compile(_YEAR, re.I)
_P_END_OF_YEAR = re.compile(_END_OF_YEAR + r"(?:\s+(?P<ey>\d{4}))?", re.I)
_P_CLOCK = re.compile(r"\d{1,2}\s*giờ(?:\s*\d{1,2})?(?:\s*phút)?", re.I)


def parse_deadline(expr: str, reference: date | None) -> date | None:
    """Latest calendar day implied by a temporal expression, or None for events and relative terms.

    ``reference`` (the text's own date) supplies a missing year; without it such expressions
    give None.
    Never raises on arbitrary input.
    """
    if not expr or len(expr) > 500:
        return None
    text = _P_CLOCK.sub(" ", expr)
    if _P_RELATIVE.search(text):
        return None
    if m := _P_VERBOSE.search(text):
        year = _year(m.group("vy"), reference)
        found = _safe_date(year, int(m.group("vm")), int(m.group("vd"))) if year else None
        return _roll_over(found, explicit=bool(m.group("vy")), reference=reference)
    if m := _P_DMY.search(text):
        year = _year(m.group("y"), reference)
        found = _safe_date(year, int(m.group("m")), int(m.group("d"))) if year else None
        return _roll_over(found, explicit=bool(m.group("y")), reference=reference)
    if m := _P_QUARTER.search(text):
        year = _year(m.group("qy"), reference)
        quarter = _ROMAN[m.group("q").lower()]
        return _month_end(year, quarter * 3) if year else None
    if m := _P_PERIOD.search(text):
        year = _year(m.group("py"), reference)
        if not year:
            return None
        if m.group("pos").lower() == "cuối":
            return date(year, 12, 31)
        count = m.group("pn")
        return _month_end(year, int(count)) if count.isdigit() else None
    if m := _P_MONTH.search(text):
        year = _year(m.group("my"), reference)
        month = int(m.group("mm"))
        if not year or not 1 <= month <= 12:
            return None
        part = (m.group("part") or "").lower()
        if part == "đầu":
            return date(year, month, 10)
        if part == "giữa":
            return date(year, month, 20)
        return _month_end(year, month)
    if m := _P_YEAR.search(text):
        year = int(m.group("yy"))
        if not 1 <= year <= 9999:
            return None
        return (
            date(year, 6, 30) if (m.group("ypart") or "").lower() == "giữa" else date(year, 12, 31)
        )
    if m := _P_END_OF_YEAR.search(text):
        year = _year(m.group("ey"), reference)
        return date(year, 12, 31) if year else None
    return None


def find_deadlines(text: str, start: int = 0, end: int | None = None) -> list[DeadlineMatch]:
    """Deadline expressions in ``text[start:end]``, without overlaps, in text order."""
    stop = len(text) if end is None else end
    found: list[DeadlineMatch] = []
    for pattern, strength in _PATTERNS:
        for m in pattern.finditer(text, start, stop):
            expression = m.group().rstrip(" ,")
            if not expression:
                continue
            found.append(
                DeadlineMatch(expression, m.start(), m.start() + len(expression), strength)
            )
    # Keep the strongest, then longest, of overlapping matches.
    found.sort(key=lambda f: (-f.strength, -(f.end - f.start), f.start))
    kept: list[DeadlineMatch] = []
    for candidate in found:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    kept.sort(key=lambda f: f.start)
    return kept


# "nhiệm vụ trọng tâm tháng 8/2019", "các nhiệm vụ quý III/2023", "nhiệm vụ 6 tháng cuối năm":
# an intro that names the period its tasks are for (no preposition: only read in an intro).
_P_PLAN_PERIOD = re.compile(
    r"\b(?:nhiệm\s+vụ|công\s+tác|chương\s+trình\s+công\s+tác)"
    r"(?:\s+(?:trọng\s+tâm|chủ\s+yếu|trọng\s+điểm|chính))?(?:\s+(?:của|trong))?\s+"
    r"(?P<period>" + _QUARTER + "|" + _PERIOD + "|" + _MONTH + ")",
    re.I,
)


def plan_period(text: str, start: int = 0, end: int | None = None) -> DeadlineMatch | None:
    """The period an intro's tasks are for ("Nhiệm vụ trọng tâm tháng 8/2019:"), as a deadline
    of the tasks it frames; None when the intro names none."""
    m = _P_PLAN_PERIOD.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    return DeadlineMatch(m.group("period"), m.start("period"), m.end("period"), 3)


def best_deadline(matches: list[DeadlineMatch]) -> DeadlineMatch | None:
    """The expression that sets a task's due date: the most explicit, then the first."""
    if not matches:
        return None
    return max(matches, key=lambda f: (f.strength, -f.start))


# --- the text's own date
# -------------------------------------------------------------------------------

_ISO = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_ANY_FULL_DATE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2})\b"
)
_ANY_YEAR = re.compile(r"(?<![\d/.\-])(?:19[5-9]\d|20\d{2})(?![\d/])")


def reference_date(text: str, meeting_date: date | None) -> date | None:
    """The date a missing year is taken from: the meeting's, else the first full date, else the
    first year."""
    if meeting_date:
        return meeting_date
    iso = _ISO.search(text)
    if iso and (found := _safe_date(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))):
        return found
    for m in _ANY_FULL_DATE.finditer(text):
        if found := _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
            return found
    year = _ANY_YEAR.search(text)
    return date(int(year.group()), 1, 1) if year else None


def reference_year(text: str) -> int | None:
    ref = reference_date(text, None)
    return ref.year if ref else None
