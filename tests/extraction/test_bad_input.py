"""Input that is not a Vietnamese text raises ``ExtractionError`` with a Vietnamese message."""

from __future__ import annotations

import pytest

from dangvu.extraction import ExtractionError, extract
from dangvu.extraction.validation import MAX_CHARS


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text(text: str) -> None:
    with pytest.raises(ExtractionError, match="Văn bản trống"):
        extract(text)


def test_too_large_text() -> None:
    text = "Giao UBND phường rà soát. " * (5 * 1024 * 1024 // 26)
    assert len(text) > MAX_CHARS
    with pytest.raises(ExtractionError, match="quá lớn"):
        extract(text)


def test_binary_content() -> None:
    junk = bytes(range(256)).decode("latin-1") * 20
    with pytest.raises(ExtractionError, match="nhị phân"):
        extract(junk)


@pytest.mark.parametrize(
    "text",
    [
        "The committee asks all departments to submit their reports before 15 October 2020.",
        "Le comité demande aux services de remettre leurs rapports avant le 15 octobre.",
        "1234 5678 ----",
    ],
)
def test_other_languages(text: str) -> None:
    with pytest.raises(ExtractionError, match="tiếng Việt"):
        extract(text)


def test_error_message_is_the_string_of_the_exception() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract("")
    assert str(caught.value) == caught.value.message == "Văn bản trống."


def test_vietnamese_text_without_tasks_is_not_an_error() -> None:
    assert extract("Hôm nay trời đẹp, nhân dân phấn khởi đón Tết.").tasks == []
