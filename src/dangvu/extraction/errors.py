"""The one exception the extractor raises on input it cannot handle."""

from __future__ import annotations


class ExtractionError(ValueError):
    """Input that cannot be read as a Vietnamese text; ``str(exc)`` is a Vietnamese message for
    the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
