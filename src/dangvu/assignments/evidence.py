"""Evidence files of progress reports: which types are accepted, and how a file proves its type.

The name's extension must be one of pdf, docx, xlsx, jpg/jpeg, png, and the first bytes must say
the same (a renamed binary is refused): PDF starts with "%PDF-", JPEG with FF D8 FF, PNG with its
8-byte signature, and docx/xlsx are ZIP files holding "word/" or "xl/" parts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".jpg": "jpg",
    ".jpeg": "jpg",
    ".png": "png",
}


def max_bytes() -> int:
    return int(settings.DANGVU_EVIDENCE_MAX_BYTES)  # default in config/settings.py


def _zip_has(data: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def sniff(data: bytes, kind: str) -> bool:
    """Do the file's bytes match the type its name claims?"""
    if kind == "pdf":
        return data.startswith(b"%PDF-")
    if kind == "jpg":
        return data.startswith(b"\xff\xd8\xff")
    if kind == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "docx":
        return data.startswith(b"PK\x03\x04") and _zip_has(data, "word/")
    if kind == "xlsx":
        return data.startswith(b"PK\x03\x04") and _zip_has(data, "xl/")
    return False


def check_file(name: str, data: bytes) -> str:
    """The file's type ("pdf", "docx"…) when it is accepted; ValidationError (field "files")
    saying why not otherwise."""
    kind = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind is None:
        raise ValidationError(
            {
                "files": _("“%(name)s”: only PDF, Word (.docx), Excel (.xlsx), JPG and PNG files.")
                % {"name": name}
            }
        )
    limit = max_bytes()
    if len(data) > limit:
        raise ValidationError(
            {
                "files": _("“%(name)s” is larger than %(size)d MB.")
                % {"name": name, "size": limit // (1024 * 1024)}
            }
        )
    if not sniff(data, kind):
        raise ValidationError(
            {
                "files": _("“%(name)s” is not really a %(kind)s file.")
                % {"name": name, "kind": kind.upper()}
            }
        )
    if kind in ("docx", "xlsx"):
        from dangvu.core.uploads import UploadRefusedError, check_upload

        try:  # a ZIP bomb renamed .xlsx is refused before anyone opens it
            check_upload(name, data, {kind})
        except UploadRefusedError as exc:
            if exc.code in ("budget", "size"):  # stored, not parsed: only the budgets count
                raise ValidationError({"files": exc.messages}) from None
    return kind


def read_upload(upload: Any) -> tuple[str, bytes]:
    """Name and content of an uploaded file, reading at most one byte past the limit."""
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    return str(upload.name), data
