"""``parse_deadline`` and deadline finding: examples and properties."""

from __future__ import annotations

import calendar
import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.extraction import parse_deadline
from dangvu.extraction.dates import find_deadlines

REFERENCE = date(2020, 3, 1)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("trước ngày 15/10/2020", date(2020, 10, 15)),
        ("trong tháng 10", date(2020, 10, 31)),
        ("quý IV/2020", date(2020, 12, 31)),
        ("trong qúy II năm 2018", date(2018, 6, 30)),
        ("6 tháng cuối năm", date(2020, 12, 31)),
        ("3 tháng cuối năm 2020", date(2020, 12, 31)),
        ("6 tháng đầu năm 2021", date(2021, 6, 30)),
        ("năm 2021", date(2021, 12, 31)),
        ("trước ngày 25.3", date(2020, 3, 25)),
        ("trong tháng 11.2019", date(2019, 11, 30)),
        ("trước 14 giờ, ngày 05/12/2017", date(2017, 12, 5)),
        ("ngày 15 tháng 10 năm 2020", date(2020, 10, 15)),
        ("trong những tháng cuối năm", date(2020, 12, 31)),
        ("trước tháng 2/2024", date(2024, 2, 29)),
    ],
)
def test_examples(expression: str, expected: date) -> None:
    assert parse_deadline(expression, REFERENCE) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "khẩn trương",
        "ngay",
        "thời gian tới",
        "không quá 2 tháng kể từ ngày ban hành văn bản này",
        "từ nay đến Đại hội XIII của Đảng",
        "dịp Tết Nguyên đán",
        "trong vòng 15 ngày",
        "trước ngày 30/2/2020",
        "",
    ],
)
def test_events_relative_terms_and_invalid_dates_give_none(expression: str) -> None:
    assert parse_deadline(expression, REFERENCE) is None


def test_missing_year_without_reference_gives_none() -> None:
    assert parse_deadline("trong tháng 6", None) is None
    assert parse_deadline("trước ngày 25.3", None) is None


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_any_valid_date_round_trips(day: date) -> None:
    expression = f"trước ngày {day.day}/{day.month}/{day.year}"
    assert parse_deadline(expression, None) == day
    assert parse_deadline(f"trước ngày {day.day:02d}.{day.month:02d}.{day.year}", None) == day


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=1950, max_value=2099))
def test_quarters_end_on_the_last_day_of_their_third_month(quarter: int, year: int) -> None:
    roman = ["I", "II", "III", "IV"][quarter - 1]
    expected_month = quarter * 3
    expected = date(year, expected_month, calendar.monthrange(year, expected_month)[1])
    assert parse_deadline(f"trong quý {roman} năm {year}", None) == expected
    assert parse_deadline(f"quý {roman}/{year}", None) == expected


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1950, max_value=2099))
def test_months_end_on_their_last_day(month: int, year: int) -> None:
    parsed = parse_deadline(f"trong tháng {month}/{year}", None)
    assert parsed == date(year, month, calendar.monthrange(year, month)[1])


@given(st.text(max_size=300), st.one_of(st.none(), st.dates()))
def test_parse_never_raises(expression: str, reference: date | None) -> None:
    result = parse_deadline(expression, reference)
    assert result is None or isinstance(result, date)


@given(st.text(max_size=400))
def test_find_deadlines_never_raises_and_spans_are_ordered(text: str) -> None:
    found = find_deadlines(text)
    assert all(text[f.start : f.end] == f.expression for f in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_year_of_a_plan_is_not_a_deadline() -> None:
    text = "thực hiện Nghị quyết về phát triển kinh tế - xã hội năm 2021"
    assert find_deadlines(text) == []
    assert [f.expression for f in find_deadlines("hoàn thành trong năm 2021")] == ["trong năm 2021"]
