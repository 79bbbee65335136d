"""Refusing input that is not a Vietnamese text, with a message the user can act on."""

from __future__ import annotations

import re
import unicodedata

from dangvu.extraction.errors import ExtractionError

MAX_CHARS = 2 * 1024 * 1024  # 2 MB of text: far beyond any conclusion, small enough to stay fast
MAX_MEGABYTES = MAX_CHARS // (1024 * 1024)

# Letters that only Vietnamese (among the languages offices paste) writes: ă â đ ê ô ơ ư and tone
# marks.
_VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
_WORD = re.compile(r"[^\W\d_]+")


def check_text(text: str) -> None:
    """Raise ``ExtractionError`` unless ``text`` can be extracted from."""
    if not isinstance(text, str):
        raise ExtractionError("Dữ liệu đầu vào phải là văn bản.")
    if len(text) > MAX_CHARS:
        raise ExtractionError(f"Văn bản quá lớn (tối đa {MAX_MEGABYTES} MB).")
    if not text.strip():
        raise ExtractionError("Văn bản trống.")
    sample = text[:200_000]
    controls = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd"
    )
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise ExtractionError("Tệp không phải văn bản (có vẻ là dữ liệu nhị phân).")
    words = _WORD.findall(unicodedata.normalize("NFC", sample))
    if not words:
        raise ExtractionError("Không nhận ra văn bản tiếng Việt.")
    marked = sum(1 for w in words if _VIETNAMESE_LETTERS.search(w))
    # Vietnamese prose marks well over a third of its syllables; allow headings and acronyms.
    if marked == 0 or (len(words) >= 8 and marked / len(words) < 0.15):
        raise ExtractionError("Không nhận ra văn bản tiếng Việt.")
