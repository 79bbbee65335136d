"""Dates the way Vietnamese readers write them: 11/9/2020, "ngày 11 tháng 9 năm 2020"."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def short_date(value: dt.date | None) -> str:
    """11/9/2020: day and month without leading zeros, as in Party documents."""
    if value is None:
        return ""
    return f"{value.day}/{value.month}/{value.year}"


def long_date(value: dt.date | None) -> str:
    """ngày 11 tháng 9 năm 2020. Days below 10 and the months 1 and 2 take a leading zero,
    as official documents write them so that no digit can be added later ("ngày 05 tháng 02")."""
    if value is None:
        return ""
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def parse_date(text: str) -> dt.date | None:
    """Read 11/9/2020, 11.9.2020, 11-09-2020 or 2020-09-11; None when it is not a real date."""
    m = _NUMERIC.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def within(day: dt.date, start: dt.date, end: dt.date | None) -> bool:
    """Is `day` inside the validity interval [start, end]? An open end (None) never ends."""
    return start <= day and (end is None or day <= end)


def today() -> dt.date:
    """Today in the project's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def date_bounds() -> tuple[dt.date, dt.date]:
    """The first and last day the site accepts anywhere (`DANGVU_YEAR_MIN`/`DANGVU_YEAR_MAX`,
    default 1945–2100): a year 9999 deadline breaks monthly statistics and numbering."""
    from django.conf import settings

    return dt.date(settings.DANGVU_YEAR_MIN, 1, 1), dt.date(settings.DANGVU_YEAR_MAX, 12, 31)


def in_range(day: dt.date) -> bool:
    first, last = date_bounds()
    if isinstance(day, dt.datetime):
        day = day.date()
    return first <= day <= last


def range_message() -> str:
    from django.utils.translation import gettext as _

    first, last = date_bounds()
    return _("The date must be between %(first)s and %(last)s.") % {
        "first": short_date(first),
        "last": short_date(last),
    }


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month, without stepping into the next month (December 9999 has
    no next month)."""
    import calendar

    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def short_datetime(value: dt.datetime | None) -> str:
    """14:00, 2/10/2020: the local time, then the short date."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour:02d}:{value.minute:02d}, {short_date(value.date())}"
