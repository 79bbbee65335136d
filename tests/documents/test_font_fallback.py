"""The font test catches a fallback on any machine: a copy of Liberation Serif without the
Vietnamese letters (cut with fontTools) stands for Debian's old fonts-liberation 1.x. With it,
LibreOffice takes ư, ơ and the stacked tone marks from DejaVu, the PDF holds two families, the
one-family check fails and the start-up check warns."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangvu.documents import fonts
from dangvu.documents import pdf as pdf_tools
from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.rendering import Block, render_docx
from tests.documents import metrics
from tests.documents.test_layout import VIETNAMESE
from tests.documents.test_rendering import make_document

subset = pytest.importorskip("fontTools.subset")

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

pytestmark = pytest.mark.skipif(
    soffice_path() is None
    or not pdf_tools.poppler_available()
    or not metrics.available()
    or not DEJAVU.exists(),
    reason="needs LibreOffice, poppler-utils, fonts-liberation2 and fonts-dejavu; CI has them",
)


def assert_one_family(pdf: bytes) -> None:
    """What the layout and demo tests assert of every PDF."""
    families = pdf_tools.font_families(pdf)
    assert len(families) == 1, f"fallback fonts in the PDF: {pdf_tools.font_names(pdf)}"


@pytest.fixture
def latin_only_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """fontconfig sees Liberation Serif without Vietnamese, and DejaVu."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in metrics.FILES.values():
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(metrics.LIBERATION2 / name), options)
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=range(0x20, 0x17F))  # Latin-1 and Latin Extended-A: no ư, ơ
        cutter.subset(font)
        subset.save_font(font, str(folder / name), options)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{folder}</dir><dir>{DEJAVU}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        '<include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>'
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    return folder


def test_a_font_without_vietnamese_is_caught(latin_only_fonts: Path) -> None:
    problems = fonts.font_problems()
    assert len(problems) == 4  # each style
    assert all("does not cover Vietnamese" in problem for problem in problems)
    pdf = convert_to_pdf(render_docx(make_document(body=[Block("paragraph", VIETNAMESE)])))
    assert pdf is not None
    assert {"LiberationSerif", "DejaVuSerif"} <= pdf_tools.font_families(pdf)
    with pytest.raises(AssertionError, match="fallback fonts"):
        assert_one_family(pdf)
