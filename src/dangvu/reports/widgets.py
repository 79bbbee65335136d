"""Moved to `dangvu.core.widgets` (the minutes and answers use it too); kept for older imports."""

from dangvu.core.widgets import RichTextWidget

__all__ = ["RichTextWidget"]
