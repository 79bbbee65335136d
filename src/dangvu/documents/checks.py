"""Start-up check: the PDFs LibreOffice makes need a Times New Roman substitute that covers
Vietnamese; without it letters fall back to another typeface in the middle of words."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning as CheckWarning
from django.core.checks import register

from dangvu.documents.conversion import soffice_path
from dangvu.documents.fonts import DEBIAN_PACKAGE, font_problems


@register()
def vietnamese_font_check(app_configs: Any = None, **kwargs: Any) -> list[CheckWarning]:
    if soffice_path() is None:
        return []  # no PDF is made: the DOCX names Times New Roman and the reader's Word has it
    return [
        CheckWarning(
            f"PDF documents will mix typefaces: {problem}",
            hint=f"Install the Debian package {DEBIAN_PACKAGE} (apt-get install {DEBIAN_PACKAGE}).",
            id="documents.W001",
        )
        for problem in font_problems()
    ]
