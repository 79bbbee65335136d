"""The input gate for the JSON API: field types for ninja schemas.

`Line` and `Text` are cleaned like form text (`core.text.clean_text`) and bounded
(`DANGVU_LINE_MAX_CHARS`, `DANGVU_TEXT_MAX_CHARS`); `Day` and `Moment` lie within the configured
years (`DANGVU_YEAR_MIN`/`MAX`); `Percent` is a whole number 0–100; `Id` a positive database id.
A value outside answers 422 with the API's one error shape, never a 500 further down.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.conf import settings
from pydantic import AfterValidator, Field

from dangvu.core.dates import in_range, range_message
from dangvu.core.text import clean_text


def _line(value: str) -> str:
    value = clean_text(value, multiline=False).strip()
    limit = int(settings.DANGVU_LINE_MAX_CHARS)
    if len(value) > limit:
        raise ValueError(f"at most {limit} characters")
    return value


def _text(value: str) -> str:
    value = clean_text(value, multiline=True).strip()
    limit = int(settings.DANGVU_TEXT_MAX_CHARS)
    if len(value) > limit:
        raise ValueError(f"at most {limit} characters")
    return value


def _day(value: dt.date) -> dt.date:
    if not in_range(value):
        raise ValueError(range_message())
    return value


# maxLength in the OpenAPI document says the default; the validators read the settings.
Line = Annotated[str, Field(max_length=4 * 1000), AfterValidator(_line)]
Text = Annotated[str, Field(max_length=4 * 20_000), AfterValidator(_text)]
Day = Annotated[dt.date, AfterValidator(_day)]
Moment = Annotated[dt.datetime, AfterValidator(_day)]
Percent = Annotated[int, Field(ge=0, le=100)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
