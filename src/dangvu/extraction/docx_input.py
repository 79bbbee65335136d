"""Reading the text of a .docx file (Word), keeping list numbering the way a reader sees it."""

from __future__ import annotations

import io
import zipfile

from dangvu.extraction.errors import ExtractionError

_BROKEN = "Tệp DOCX bị hỏng hoặc không đọc được."


def text_from_docx(data: bytes) -> str:
    """The paragraphs (and table cells) of a .docx, one per line.

    Word's automatic numbering is not part of the paragraph text; paragraphs styled "List Number" /
    "List Bullet" get a "1." / "-" marker so the extractor sees the list.
    """
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a project dependency
        raise ExtractionError(_BROKEN) from exc
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        counter = 0
        for paragraph in document.paragraphs:
            text = paragraph.text.strip()
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if not text:
                continue
            if style.startswith("List Number"):
                counter += 1
                text = f"{counter}. {text}"
            else:
                counter = 0
                if style.startswith("List Bullet"):
                    text = f"- {text}"
            lines.append(text)
        for table in document.tables:
            for row in table.rows:
                cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
                if cells:
                    lines.append(" ".join(dict.fromkeys(cells)))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        AttributeError,
    ) as exc:
        raise ExtractionError(_BROKEN) from exc
    except Exception as exc:  # lxml and zip errors of many kinds: a broken file, whatever the cause
        raise ExtractionError(_BROKEN) from exc
    return "\n".join(lines)
