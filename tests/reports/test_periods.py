import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from dangvu.reports.enums import CutOff, PeriodKind, SectionRole
from dangvu.reports.outline import (
    DEFAULT_INDICATORS,
    DEFAULT_OUTLINE,
    outline_text,
    parse_indicators,
    parse_outline,
)
from dangvu.reports.periods import covered_dates, period_title


@pytest.mark.parametrize(
    ("kind", "number", "cut_off", "expected"),
    [
        (PeriodKind.NINE_MONTHS, None, CutOff.CALENDAR, ((2020, 1, 1), (2020, 9, 30))),
        (PeriodKind.NINE_MONTHS, None, CutOff.STATE, ((2019, 12, 15), (2020, 9, 14))),
        (PeriodKind.MONTH, 2, CutOff.CALENDAR, ((2020, 2, 1), (2020, 2, 29))),
        (PeriodKind.MONTH, 1, CutOff.STATE, ((2019, 12, 15), (2020, 1, 14))),
        (PeriodKind.QUARTER, 4, CutOff.CALENDAR, ((2020, 10, 1), (2020, 12, 31))),
        (PeriodKind.QUARTER, 3, CutOff.STATE, ((2020, 6, 15), (2020, 9, 14))),
        (PeriodKind.HALF_YEAR, 2, CutOff.CALENDAR, ((2020, 7, 1), (2020, 12, 31))),
        (PeriodKind.YEAR, None, CutOff.STATE, ((2019, 12, 15), (2020, 12, 14))),
    ],
)
def test_covered_dates(kind, number, cut_off, expected):
    start, end = covered_dates(kind=kind, year=2020, number=number, cut_off=cut_off)
    assert (start, end) == (dt.date(*expected[0]), dt.date(*expected[1]))


def test_covered_dates_refuses_term_and_bad_numbers():
    with pytest.raises(ValueError, match="no computed dates"):
        covered_dates(kind=PeriodKind.TERM, year=2020)
    with pytest.raises(ValueError, match="between 1 and 4"):
        covered_dates(kind=PeriodKind.QUARTER, year=2020, number=5)


@given(st.integers(2000, 2100), st.integers(1, 12), st.sampled_from(list(CutOff)))
def test_consecutive_months_tile_the_year(year, month, cut_off):
    start, end = covered_dates(kind=PeriodKind.MONTH, year=year, number=month, cut_off=cut_off)
    if month < 12:
        next_start, _ = covered_dates(
            kind=PeriodKind.MONTH, year=year, number=month + 1, cut_off=cut_off
        )
        assert next_start == end + dt.timedelta(days=1)
    assert start < end


def test_period_title():
    assert period_title(kind=PeriodKind.NINE_MONTHS, year=2020, number=None) == (
        "9 tháng đầu năm 2020"
    )
    assert period_title(kind=PeriodKind.QUARTER, year=2020, number=3) == "quý III năm 2020"


def test_default_outline_is_numbered_and_round_trips():
    nodes = parse_outline(DEFAULT_OUTLINE)
    assert [n.number for n in nodes[:3]] == ["Phần thứ nhất", "I", "II"]
    topics = [n for n in nodes if n.role == SectionRole.TOPIC]
    assert len(topics) == 8
    assert any(n.role == SectionRole.SHORTCOMINGS and n.depth == 2 for n in nodes)
    text = outline_text([(n.depth, n.role, n.title) for n in nodes])
    assert [(n.title, n.role) for n in parse_outline(text)] == [(n.title, n.role) for n in nodes]
    assert len(parse_indicators(DEFAULT_INDICATORS)) == 6


def test_outline_errors_name_the_line():
    with pytest.raises(ValidationError, match="Dòng 2"):
        parse_outline("Phần một\n      quá sâu\n")
    with pytest.raises(ValidationError):
        parse_outline("   \n")
    with pytest.raises(ValidationError, match="Dòng chỉ tiêu 1"):
        parse_indicators("chỉ có tên\n")
