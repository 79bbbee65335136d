"""Evidence files of progress reports: which types are accepted, up to which size. The checks
themselves are the one upload module's (`core.uploads.check_stored`): the name's extension must
be one of pdf, docx, xlsx, jpg/jpeg, png, and the first bytes must say the same (a renamed binary
is refused; docx/xlsx are ZIP files holding "word/" or "xl/" parts, within the ZIP budgets).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from dangvu.core import uploads

KINDS = frozenset({"pdf", "docx", "xlsx", "jpg", "png"})


def max_bytes() -> int:
    return int(settings.DANGVU_EVIDENCE_MAX_BYTES)  # default in config/settings.py


def check_file(name: str, data: bytes) -> str:
    """The file's type ("pdf", "docx"…) when it is accepted; ValidationError (field "files")
    saying why not otherwise."""
    return uploads.check_stored(
        name,
        data,
        KINDS,
        field="files",
        limit=max_bytes(),
        refused=_("“%(name)s”: only PDF, Word (.docx), Excel (.xlsx), JPG and PNG files.")
        % {"name": name},
    )


def read_upload(upload: Any) -> tuple[str, bytes]:
    """Name and content of an uploaded file, reading at most one byte past the limit."""
    return uploads.read_upload(upload, max_bytes())
