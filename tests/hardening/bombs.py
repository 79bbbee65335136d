"""Small files that expand enormously, made in memory for the tests."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from openpyxl import Workbook


def _rewrite(data: bytes, part: str, change: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content)  # type: ignore[operator]
            target.writestr(item.filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_declaring_whole_sheet(rows: list[list[object]]) -> bytes:
    """A real workbook whose sheet claims the dimension A1:XFD1048576 (16,384 × 1,048,576)."""
    return _rewrite(
        workbook(rows),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )


def xlsx_without_dimension_many_cells(columns: int) -> bytes:
    """No dimension declared, but one row holding a cell at a far column."""
    far = ""
    number = columns
    while number:
        number, rest = divmod(number - 1, 26)
        far = chr(65 + rest) + far

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension[^>]*/>", b"", xml)
        return xml.replace(
            b"</row>", f'<c r="{far}1" t="inlineStr"><is><t>x</t></is></c></row>'.encode(), 1
        )

    return _rewrite(
        workbook([["Mã nhiệm vụ", "Tiến độ (%)"], [1, 50]]), "xl/worksheets/sheet1.xml", change
    )


def docx_with_paragraphs(count: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾT LUẬN")
    out = io.BytesIO()
    document.save(out)

    def change(xml: bytes) -> bytes:
        return xml.replace(b"</w:body>", b"<w:p/>" * count + b"</w:body>", 1)

    return _rewrite(out.getvalue(), "word/document.xml", change)


def zip_bomb(name: str = "xl/worksheets/sheet1.xml", size: int = 200 * 1024 * 1024) -> bytes:
    """An xlsx-looking ZIP with one part of `size` zero bytes (about 200 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        with target.open(name, "w") as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return out.getvalue()
