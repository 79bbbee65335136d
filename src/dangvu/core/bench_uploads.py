"""`python -m dangvu.core.bench_uploads`: how fast core.uploads refuses decompression bombs (a
small .xlsx declaring A1:XFD1048576, one with a real far column, a .docx of a million paragraphs,
a 200 MB deflate bomb) and accepts an ordinary workbook. Best of five, one core."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable


def _rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item.filename, change(content) if item.filename == part else content)
    return out.getvalue()


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã nhiệm vụ", "Tiến độ (%)"])
    for number in range(rows):
        sheet.append([number + 1, 50])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.config.settings")
    import django

    django.setup()
    import docx

    from dangvu.core import uploads

    sheet_bomb = _rewrite(
        _workbook(1),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    document = docx.Document()
    document.add_paragraph("KẾT LUẬN")
    buffer = io.BytesIO()
    document.save(buffer)
    paragraphs = _rewrite(
        buffer.getvalue(),
        "word/document.xml",
        lambda xml: xml.replace(b"</w:body>", b"<w:p/>" * 1_000_000 + b"</w:body>", 1),
    )
    deflate = io.BytesIO()
    with (
        zipfile.ZipFile(deflate, "w", zipfile.ZIP_DEFLATED) as target,
        target.open("xl/worksheets/sheet1.xml", "w") as handle,
    ):
        for _ in range(200):
            handle.write(b"\0" * (1024 * 1024))
    ordinary = _workbook(5000)
    cases = [
        (f"xlsx declaring A1:XFD1048576, {len(sheet_bomb)} B", "bomb.xlsx", sheet_bomb, "xlsx"),
        (f"docx with 1,000,000 paragraphs, {len(paragraphs)} B", "bomb.docx", paragraphs, "docx"),
        (f"zip of 200 MB zeros, {len(deflate.getvalue())} B", "z.xlsx", deflate.getvalue(), "xlsx"),
        (f"ordinary xlsx of 5,000 rows, {len(ordinary)} B", "ok.xlsx", ordinary, "xlsx"),
    ]
    for label, name, data, kind in cases:
        best, outcome = float("inf"), "accepted"
        for _ in range(5):
            start = time.perf_counter()
            try:
                uploads.check_upload(name, data, {kind})
                outcome = "accepted"
            except uploads.UploadRefusedError:
                outcome = "refused"
            best = min(best, time.perf_counter() - start)
        print(f"{label}: {outcome} in {best * 1000:.1f} ms")


if __name__ == "__main__":
    main()
