"""The dates a reporting period covers: a pure function of its kind, year, number and cut-off.

Party committees usually count calendar periods (9 months 2020 = 1/1/2020 → 30/9/2020); the state
regime (Nghị định 09/2019/NĐ-CP) counts from the 15th of the month before the period to the 14th of
its last month (9 months 2020 = 15/12/2019 → 14/9/2020).
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")
    TERM = "term", _("Term")
    AD_HOC = "ad_hoc", _("Ad hoc")


class CutOff(models.TextChoices):
    """How a period's covered dates are counted."""

    CALENDAR = "calendar", _("Calendar (1st to last day)")
    STATE = "state", _("State regime (15th to 14th)")  # Nghị định 09/2019/NĐ-CP


# (first month, number of months) of each kind, given its number.
_MONTHS_PER_KIND = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}
MAX_NUMBER = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2}


def has_computed_dates(kind: str) -> bool:
    return kind in _MONTHS_PER_KIND


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def covered_dates(
    *, kind: str, year: int, number: int | None = None, cut_off: str = CutOff.CALENDAR
) -> tuple[dt.date, dt.date]:
    """First and last day covered. `number` is the month (1–12), the quarter (1–4) or the half
    (1–2); 9 months and a year always start in January. Raises ValueError for a term or an ad hoc
    period (their dates are given) and for a number out of range."""
    if kind not in _MONTHS_PER_KIND:
        raise ValueError(f"{kind} periods have no computed dates")
    months = _MONTHS_PER_KIND[PeriodKind(kind)]
    if kind in MAX_NUMBER:
        if number is None or not 1 <= number <= MAX_NUMBER[PeriodKind(kind)]:
            raise ValueError(f"{kind} needs a number between 1 and {MAX_NUMBER[PeriodKind(kind)]}")
        first_month = (number - 1) * months + 1
    else:
        first_month = 1
    last_year, last_month = _add_months(year, first_month, months - 1)
    if cut_off == CutOff.STATE:
        start_year, start_month = _add_months(year, first_month, -1)
        return dt.date(start_year, start_month, 15), dt.date(last_year, last_month, 14)
    last_day = calendar.monthrange(last_year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(last_year, last_month, last_day)


def period_title(*, kind: str, year: int, number: int | None) -> str:
    """The usual Vietnamese name of the period: "9 tháng đầu năm 2020", "quý III năm 2020"."""
    roman = ["I", "II", "III", "IV"]
    if kind == PeriodKind.MONTH:
        return f"tháng {number} năm {year}"
    if kind == PeriodKind.QUARTER and number:
        return f"quý {roman[number - 1]} năm {year}"
    if kind == PeriodKind.HALF_YEAR:
        return f"6 tháng đầu năm {year}" if number == 1 else f"6 tháng cuối năm {year}"
    if kind == PeriodKind.NINE_MONTHS:
        return f"9 tháng đầu năm {year}"
    if kind == PeriodKind.YEAR:
        return f"năm {year}"
    return str(year)
