"""Reading the PDFs LibreOffice makes, with poppler-utils (pdffonts, pdftotext, pdftoppm): the
fonts it embedded, the text of each page, and PNG images of the pages for a visual check."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
STYLE_SUFFIX = re.compile(r"[-,](Bold|Italic|BoldItalic|Regular|Roman|Oblique|BoldOblique)$")


def poppler_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdffonts", "pdftotext", "pdftoppm"))


def _run(command: list[str], pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [*command, handle.name], capture_output=True, check=True, timeout=60
        )
    return result.stdout.decode()


def font_names(pdf: bytes) -> list[str]:
    """The fonts embedded in the PDF without their subset prefix: "LiberationSerif-Bold"."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    return sorted({SUBSET_PREFIX.sub("", line.split()[0]) for line in lines if line.strip()})


def font_families(pdf: bytes) -> set[str]:
    """The families behind those fonts: {"LiberationSerif"} when every style is one family."""
    return {STYLE_SUFFIX.sub("", name) for name in font_names(pdf)}


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, in layout order."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["pdftotext", "-layout", handle.name, "-"],  # noqa: S607
            capture_output=True,
            check=True,
            timeout=60,
        )
    pages = result.stdout.decode().split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def to_png(pdf: bytes, target: Path, *, dpi: int = 75, mono: bool = True) -> list[Path]:
    """One PNG per page, `target`-1.png, `target`-2.png…; returns the files made. Black and
    white at 75 dpi is readable and small enough to commit (a page is about 25 kB)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [  # noqa: S607 - poppler-utils from the PATH
                "pdftoppm",
                "-png",
                *(["-mono"] if mono else []),
                "-r",
                str(dpi),
                handle.name,
                str(target),
            ],
            capture_output=True,
            check=True,
            timeout=120,
        )
    return sorted(target.parent.glob(f"{target.name}-*.png"))
