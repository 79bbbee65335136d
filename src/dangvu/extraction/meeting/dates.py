"""The meeting's date, and the year it is given when the text names none (only from the
title, the lead, or a full date close to it)."""

from __future__ import annotations

import re
from datetime import date

from dangvu.extraction.meeting._common import (
    _FULL_DATE,
    _ISO_DATE,
    _ISSUED,
    _MEETING_DATE,
    _MEETING_WORDS,
    _NOT_MEETING_BEFORE,
    _YEAR_ANYWHERE,
    _sentence_bounds,
)

_STAMP_LINE = re.compile(r"^\s*(?:ngày đăng|đăng ngày|cập nhật|ngày cập nhật|ngày)\s*:?", re.I)
# Years that do not date anything: terms and periods ("nhiệm kỳ 2021 - 2026", "đến năm 2030").
_NOT_A_DATE_YEAR = re.compile(
    r"(?:nhiệm kỳ|giai đoạn|khóa|khoá|tầm nhìn|đến năm|tới năm|từ năm|đến hết năm|đến cuối năm"
    r"|trước năm|sau năm|vào năm)\s*(?:\d{4}\s*[-–]\s*)?$",
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
            # up to the year itself, so that "đến năm" / "giai đoạn" before it are seen
            if _NOT_A_DATE_YEAR.search(scope[max(0, m.start("y") - 24) : m.start("y")]):
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
