import datetime as dt

import pytest

from dangvu.core.dates import long_date, parse_date, short_date


def test_short_date_has_no_leading_zeros() -> None:
    assert short_date(dt.date(2020, 9, 11)) == "11/9/2020"
    assert short_date(dt.date(2025, 7, 1)) == "1/7/2025"


def test_long_date_as_in_documents() -> None:
    assert long_date(dt.date(2020, 9, 11)) == "ngày 11 tháng 9 năm 2020"
    assert long_date(dt.date(2021, 2, 5)) == "ngày 05 tháng 02 năm 2021"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/9/2020", dt.date(2020, 9, 11)),
        ("11.09.2020", dt.date(2020, 9, 11)),
        ("2020-09-11", dt.date(2020, 9, 11)),
        ("31/2/2020", None),
        ("hôm qua", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected
