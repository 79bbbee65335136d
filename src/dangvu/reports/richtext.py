"""Moved to `dangvu.core.richtext` (the minutes and answers use it too); kept for older imports."""

from dangvu.core.richtext import ALLOWED_TAGS, paragraphs, sanitise

__all__ = ["ALLOWED_TAGS", "paragraphs", "sanitise"]
