"""Bounded reading of uploaded files: every budget is checked before anything is expanded.

An .xlsx or .docx is a ZIP of XML parts. A 15 KB workbook can declare a sheet of A1:XFD1048576
(openpyxl then pads every row to 16,384 cells, a million times), a 97 KB document can hold a
million paragraphs: both used to take a worker for minutes. So, before openpyxl or python-docx
sees a file:

- its name's extension is on the caller's allow-list and its first bytes agree (`sniff`);
- its size is at most `DANGVU_MAX_UPLOAD_BYTES`;
- for a ZIP: at most `DANGVU_UPLOAD_MAX_ZIP_MEMBERS` parts, whose declared uncompressed sizes add
  up to at most `DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES` and whose ratio to the compressed size is
  not a bomb's (zipfile then never inflates a part past its declared size);
- for a workbook: each sheet's declared dimension and, streamed, its real rows and columns within
  `DANGVU_SHEET_MAX_ROWS` × `DANGVU_SHEET_MAX_COLUMNS`; openpyxl then reads in read-only mode
  with those bounds (`sheet_rows`);
- for a document: word/document.xml within the uncompressed budget and, streamed, at most
  `DANGVU_DOCX_MAX_PARAGRAPHS` paragraphs.

A refusal is an `UploadRefusedError` (a ValidationError) with a Vietnamese message; callers turn it
into their own error type when they have one.

Files that are kept as they are, never parsed (a progress report's evidence, a contribution's
attachments, a register entry's signed scan, an inspection's papers), go through `check_stored`:
the same allow-list, size and content checks, the ZIP budgets for Office files, and a
ValidationError on the caller's form field. `read_upload` reads an upload up to its limit.
This is the one upload module (issue 18): no app checks a file's type or size by itself.

Longer than ~400 lines on purpose (issue 18): it is the one upload module, and its checks run in
one order (name, size, ZIP budget, sheet or paragraphs) each leaning on the one before; keeping
them together keeps every budget in sight.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterator
from pathlib import PurePath
from typing import Any, cast
from xml.etree.ElementTree import XMLPullParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_OLE = (b"\xd0\xcf\x11\xe0",)  # the legacy Office formats (.doc, .xls)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": _OLE,
    "xls": _OLE,
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".doc": "doc",
    ".xls": "xls",
    ".jpg": "jpg",
    ".jpeg": "jpg",
    ".png": "png",
    ".csv": "csv",
    ".txt": "txt",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "jpg": "image/jpeg",
    "png": "image/png",
    "csv": "text/csv",
    "txt": "text/plain",
}
# The folder an Office file's ZIP must hold to be what its name says.
_OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
# A deflate stream cannot shrink data more than about 1032:1; real Office files stay far below
# 100:1 overall. A part declaring more is a bomb whatever its absolute size.
MAX_RATIO = 200
_CHUNK = 64 * 1024
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class UploadRefusedError(ValidationError):
    """`code`: "kind" (not on the allow-list), "size", "sniff" (the bytes say another type),
    "damaged" (unreadable ZIP or XML) or "budget" (it would expand past a budget)."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def kind_of(name: str, allowed: set[str] | frozenset[str]) -> str:
    """The file's kind from its name ("xlsx", "docx"…), refused when not in `allowed`."""
    kind = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind is None or kind not in allowed:
        raise UploadRefusedError(
            _("“%(name)s”: this kind of file is not accepted here (accepted: %(kinds)s).")
            % {"name": name, "kinds": ", ".join(sorted(f".{k}" for k in allowed))},
            code="kind",
        )
    return kind


def check_size(name: str, data: bytes, limit: int | None = None) -> None:
    limit = int(settings.DANGVU_MAX_UPLOAD_BYTES) if limit is None else limit
    if len(data) > limit:
        raise UploadRefusedError(
            _("“%(name)s” is larger than %(size)s MB.") % {"name": name, "size": _mb(limit)},
            code="size",
        )


def sniff(data: bytes, kind: str) -> bool:
    """Do the first bytes say what the name says? (CSV and text: no NUL byte in the start.)"""
    if kind in ("csv", "txt"):
        return b"\x00" not in data[:4096]
    return data.startswith(SIGNATURES.get(kind, (b"\x00\x00",)))


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """The archive, once its directory says it is within the budgets; nothing is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRefusedError(
            _("“%(name)s” is damaged or is not an Office file.") % {"name": name}, code="damaged"
        ) from exc
    if len(members) > int(settings.DANGVU_UPLOAD_MAX_ZIP_MEMBERS):
        raise UploadRefusedError(
            _("“%(name)s” holds too many parts.") % {"name": name}, code="budget"
        )
    limit = int(settings.DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES)
    total = sum(m.file_size for m in members)
    ratio_bomb = any(m.file_size > MAX_RATIO * max(m.compress_size, 1024) for m in members)
    if total > limit or ratio_bomb:
        raise UploadRefusedError(
            _(
                "“%(name)s” expands to more than %(size)s MB when opened; it cannot be read. "
                "Split it into smaller files."
            )
            % {"name": name, "size": _mb(limit)},
            code="budget",
        )
    return archive


def _stream(archive: zipfile.ZipFile, part: str, budget: int) -> Iterator[bytes]:
    """A part's bytes in chunks, never more than `budget` in all (its declared size was checked)."""
    read = 0
    with archive.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            read += len(chunk)
            if read > budget:
                raise UploadRefusedError(
                    _("A part of the file is larger than it declares."), code="budget"
                )
            yield chunk


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _dimension(ref: str) -> tuple[int, int]:
    """(rows, columns) of a dimension like "A1:XFD1048576" (1×1 for a single cell)."""
    last = ref.split(":")[-1].upper().replace("$", "")
    match = _CELL_REF.fullmatch(last)
    if not match:
        return 0, 0
    return int(match.group(2)), _column_number(match.group(1))


def _sheet_too_big(name: str, rows: int, columns: int) -> UploadRefusedError:
    return UploadRefusedError(
        _(
            "“%(name)s” has a sheet of %(rows)d rows × %(columns)d columns; at most %(max_rows)d "
            "rows × %(max_columns)d columns can be read. Delete the empty rows and columns, or "
            "split the file."
        )
        % {
            "name": name,
            "rows": rows,
            "columns": columns,
            "max_rows": settings.DANGVU_SHEET_MAX_ROWS,
            "max_columns": settings.DANGVU_SHEET_MAX_COLUMNS,
        },
        code="budget",
    )


def check_sheet(name: str, archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The sheet's real (rows, columns), streamed; refused as soon as a budget is passed,
    including by the dimension the sheet declares."""
    max_rows = int(settings.DANGVU_SHEET_MAX_ROWS)
    max_columns = int(settings.DANGVU_SHEET_MAX_COLUMNS)
    parser = XMLPullParser(events=("start", "end"))
    rows = columns = 0
    budget = int(settings.DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES)
    for chunk in _stream(archive, part, budget):
        parser.feed(chunk)
        for pair in parser.read_events():
            event, element = cast(tuple[str, Any], pair)
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "dimension":
                declared_rows, declared_columns = _dimension(element.get("ref", ""))
                if declared_rows > max_rows or declared_columns > max_columns:
                    raise _sheet_too_big(name, declared_rows, declared_columns)
            elif event == "start" and tag == "row":
                number = element.get("r")
                rows = int(number) if number and number.isdigit() else rows + 1
                if rows > max_rows:
                    raise _sheet_too_big(name, rows, columns)
            elif event == "start" and tag == "c":
                match = _CELL_REF.fullmatch(element.get("r", "") or "")
                column = _column_number(match.group(1)) if match else columns + 1
                columns = max(columns, column)
                if columns > max_columns:
                    raise _sheet_too_big(name, rows, columns)
            elif event == "end" and tag in ("row", "c"):
                element.clear()
    return rows, columns


def check_xlsx(name: str, data: bytes) -> dict[str, tuple[int, int]]:
    """Every worksheet's real size, within the budgets (else UploadRefusedError)."""
    archive = open_zip(name, data)
    parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if not parts:
        raise UploadRefusedError(
            _("“%(name)s” is not an Excel workbook (.xlsx).") % {"name": name}, code="sniff"
        )
    try:
        return {part: check_sheet(name, archive, part) for part in parts}
    except UploadRefusedError:
        raise
    except Exception as exc:  # a malformed part: ParseError, zlib.error, BadZipFile
        raise UploadRefusedError(
            _("“%(name)s” is damaged or is not an Office file.") % {"name": name}, code="damaged"
        ) from exc


def check_docx(name: str, data: bytes) -> int:
    """The number of paragraphs of word/document.xml, streamed; refused past the budget."""
    archive = open_zip(name, data)
    if "word/document.xml" not in archive.namelist():
        raise UploadRefusedError(
            _("“%(name)s” is not a Word document (.docx).") % {"name": name}, code="sniff"
        )
    limit = int(settings.DANGVU_DOCX_MAX_PARAGRAPHS)
    parser = XMLPullParser(events=("end",))
    paragraphs = 0
    try:
        budget = int(settings.DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES)
        for chunk in _stream(archive, "word/document.xml", budget):
            parser.feed(chunk)
            for pair in parser.read_events():
                element = cast(tuple[str, Any], pair)[1]
                if element.tag.endswith("}p"):
                    paragraphs += 1
                    if paragraphs > limit:
                        raise UploadRefusedError(
                            _(
                                "“%(name)s” has more than %(max)d paragraphs; split it into "
                                "smaller documents."
                            )
                            % {"name": name, "max": limit},
                            code="budget",
                        )
                    element.clear()
    except UploadRefusedError:
        raise
    except Exception as exc:
        raise UploadRefusedError(
            _("“%(name)s” is damaged or is not an Office file.") % {"name": name}, code="damaged"
        ) from exc
    return paragraphs


def check_upload(name: str, data: bytes, allowed: set[str] | frozenset[str]) -> str:
    """The one gate for an uploaded file: allowed kind, size, content that agrees with the name,
    and for Office files the expansion budgets. Returns the kind."""
    kind = kind_of(name, allowed)
    check_size(name, data)
    if not sniff(data, kind):
        raise UploadRefusedError(
            _("“%(name)s” is not really a %(kind)s file.") % {"name": name, "kind": kind.upper()},
            code="sniff",
        )
    if kind == "xlsx":
        check_xlsx(name, data)
    elif kind == "docx":
        check_docx(name, data)
    return kind


def sheet_rows(data: bytes, *, sheet: str | None = None) -> list[list[Any]] | None:
    """The values of a sheet (the first, or the one named), read only within the checked bounds;
    None when the named sheet does not exist. Call after `check_upload`/`check_xlsx`."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            return None
        # Never trust the declared dimension: read at most the budgets.
        worksheet.reset_dimensions()
        return [
            list(row)
            for row in worksheet.iter_rows(
                max_row=int(settings.DANGVU_SHEET_MAX_ROWS),
                max_col=int(settings.DANGVU_SHEET_MAX_COLUMNS),
                values_only=True,
            )
        ]
    finally:
        workbook.close()


def csv_rows(name: str, data: bytes) -> list[list[str]]:
    """The rows of a UTF-8 CSV (delimiter ";" or ","), within the row and column budgets."""
    import csv

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefusedError(_("The CSV file is not in UTF-8."), code="sniff") from exc
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    max_rows = int(settings.DANGVU_SHEET_MAX_ROWS)
    max_columns = int(settings.DANGVU_SHEET_MAX_COLUMNS)
    rows: list[list[str]] = []
    csv.field_size_limit(int(settings.DANGVU_TEXT_MAX_CHARS) * 4)
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) >= max_rows or len(row) > max_columns:
                raise _sheet_too_big(name, len(rows) + 1, len(row))
            rows.append(row)
    except csv.Error as exc:
        raise UploadRefusedError(
            _("“%(name)s” is not a readable CSV file.") % {"name": name}
        ) from exc
    return rows


def _zip_has(data: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def check_stored(
    name: str,
    data: bytes,
    allowed: Collection[str],
    *,
    field: str,
    limit: int | None = None,
    refused: str | None = None,
) -> str:
    """The one check of a file kept as it is (evidence, attachments, scans, papers). Returns its
    kind ("pdf", "docx"…); otherwise a ValidationError on `field` saying why: a kind not in
    `allowed` (`refused`, a message naming what is accepted, or a general one), an empty file,
    over `limit` bytes (default `DANGVU_MAX_UPLOAD_BYTES`), bytes that say another type (an
    Office file's ZIP must hold its word/ or xl/ part), or an Office file that would expand past
    the budgets (a ZIP bomb renamed .xlsx is refused before anyone opens it)."""
    kind = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind is None or kind not in allowed:
        if refused is None:
            refused = _(
                "“%(name)s”: this kind of file is not accepted here (accepted: %(kinds)s)."
            ) % {"name": name, "kinds": ", ".join(sorted(f".{k}" for k in allowed))}
        raise ValidationError({field: refused})
    if not data:
        raise ValidationError({field: _("The file is empty.")})
    try:
        check_size(name, data, limit)
    except UploadRefusedError as exc:
        raise ValidationError({field: exc.messages}) from None
    folder = _OFFICE_FOLDERS.get(kind)
    if not sniff(data, kind) or (folder is not None and not _zip_has(data, folder)):
        raise ValidationError(
            {
                field: _("“%(name)s” is not really a %(kind)s file.")
                % {"name": name, "kind": kind.upper()}
            }
        )
    if folder is not None:
        try:
            check_upload(name, data, {kind})
        except UploadRefusedError as exc:
            if exc.code in ("budget", "size"):  # stored, not parsed: only the budgets count
                raise ValidationError({field: exc.messages}) from None
    return kind


def read_upload(upload: Any, limit: int | None = None) -> tuple[str, bytes]:
    """Name and content of an uploaded file, reading at most one byte past `limit` (default
    `DANGVU_MAX_UPLOAD_BYTES`), so that an oversized file is refused without being read whole."""
    limit = int(settings.DANGVU_MAX_UPLOAD_BYTES) if limit is None else limit
    upload.seek(0)
    return str(upload.name), upload.read(limit + 1)
