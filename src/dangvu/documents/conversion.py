"""DOCX → PDF with LibreOffice headless, when it is installed (`soffice` from
libreoffice-writer-nogui). Each conversion runs in its own temporary directory with its own
LibreOffice profile, so concurrent conversions do not fight over one user profile."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: bytes, *, timeout: int = 60) -> bytes | None:
    """The PDF of a DOCX; None when LibreOffice is absent or the conversion fails."""
    binary = soffice_path()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, capture_output=True, timeout=timeout, check=True
            )
        except (subprocess.SubprocessError, OSError) as error:
            logger.warning("LibreOffice could not convert a document: %s", error)
            return None
        target = folder / "document.pdf"
        return target.read_bytes() if target.exists() else None
