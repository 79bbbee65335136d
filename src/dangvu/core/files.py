"""File downloads: always through a view that checked who asks (never a public /media/ URL),
as `FileResponse` attachments whose name survives Vietnamese letters (RFC 6266 `filename*`,
by Django's `content_disposition_header`), with `X-Content-Type-Options: nosniff`."""

from __future__ import annotations

import io
import mimetypes
from typing import Any

from django.http import FileResponse
from django.utils.http import content_disposition_header

__all__ = ["attachment", "attachment_header", "stored_file"]


def _response(handle: Any, filename: str, content_type: str | None) -> FileResponse:
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def attachment(content: bytes, filename: str, content_type: str | None = None) -> FileResponse:
    """Bytes built or stored in the database, downloaded as `filename`."""
    return _response(io.BytesIO(content), filename, content_type)


def stored_file(field_file: Any, filename: str, content_type: str | None = None) -> FileResponse:
    """A file of the storage (a FileField's value), streamed, downloaded as `filename`."""
    return _response(field_file.open("rb"), filename, content_type)


def attachment_header(filename: str) -> str:
    """`Content-Disposition: attachment` with `filename` that survives any letter (RFC 6266)."""
    return content_disposition_header(True, filename) or "attachment"
