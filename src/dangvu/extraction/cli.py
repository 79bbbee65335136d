"""Command line: ``python -m dangvu.extraction FILE`` prints the extraction of a .txt or .docx file
as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dangvu.extraction.docx_input import text_from_docx
from dangvu.extraction.errors import ExtractionError
from dangvu.extraction.extractor import extract
from dangvu.extraction.validation import MAX_CHARS, MAX_MEGABYTES


def read_input(path: Path) -> str:
    """The text of a UTF-8 .txt file or of a .docx file."""
    try:
        if path.stat().st_size > 4 * MAX_CHARS:
            raise ExtractionError(f"Văn bản quá lớn (tối đa {MAX_MEGABYTES} MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"Không đọc được tệp {path}.") from exc
    if path.suffix.lower() == ".docx" or data[:4] == b"PK\x03\x04":
        return text_from_docx(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError("Tệp không phải văn bản UTF-8.") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dangvu extract", description=__doc__)
    parser.add_argument("file", type=Path, help="a UTF-8 .txt or a .docx file")
    args = parser.parse_args(argv)
    try:
        result = extract(read_input(args.file))
    except ExtractionError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
