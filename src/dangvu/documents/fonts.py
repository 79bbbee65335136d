"""The typeface of Party documents on the server.

The DOCX names Times New Roman (Hướng dẫn 36-HD/VPTW). Word on the reader's computer has it; the
server's LibreOffice, which makes the PDFs, substitutes a metric-compatible font through
fontconfig. That font must cover Vietnamese completely: Liberation Serif 1.x (Debian's
`fonts-liberation`) has no ư, ơ nor the stacked tone marks, so LibreOffice takes those letters
from DejaVu and a word like "THƯỜNG" is printed in two typefaces. Liberation Serif 2.x
(`fonts-liberation2`) covers Vietnamese with the same metrics as Times New Roman.

`font_problems()` says what is wrong (a Django system check prints it at start-up); the
conversion itself never fails because of it: a PDF with a fallback is better than none."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

FONT = "Times New Roman"
# Families that stand in for Times New Roman with the same metrics (fontconfig's metric aliases).
METRIC_COMPATIBLE = ("Times New Roman", "Liberation Serif", "Tinos")
STYLES = ("Regular", "Bold", "Italic", "Bold Italic")
DEBIAN_PACKAGE = "fonts-liberation2"
# Letters that fall back first when a font lacks Vietnamese: the horned vowels and the stacked
# tone marks (circumflex or breve with a tone), in both cases.
VIETNAMESE_SAMPLE = "ƯưƠơĐđẦầẤấẨẩẪẫẬậẰằẮắẲẳẴẵẶặỀềẾếỂểỄễỆệỒồỐốỔổỖỗỘộỜờỚớỞởỠỡỢợỪừỨứỬửỮữỰự"


@dataclass(frozen=True)
class FontMatch:
    style: str
    family: str
    file: str
    vietnamese: bool


def matches() -> list[FontMatch] | None:
    """What fontconfig gives for Times New Roman in each style; None without fontconfig."""
    binary = shutil.which("fc-match")
    if binary is None:
        return None
    found = []
    for style in STYLES:
        try:
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [binary, "-f", "%{family}\t%{file}\t%{lang}", f"{FONT}:style={style}"],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        family, _sep, rest = result.stdout.partition("\t")
        file, _sep, languages = rest.partition("\t")
        found.append(
            FontMatch(
                style=style,
                family=family.split(",")[0],
                file=file,
                vietnamese="vi" in languages.split("|"),
            )
        )
    return found


def font_problems() -> list[str]:
    """Plain sentences, empty when every style of Times New Roman (or a metric-compatible
    substitute) covers Vietnamese."""
    found = matches()
    if found is None:
        return [f"fontconfig (fc-match) is not installed: cannot tell which font replaces {FONT}."]
    problems = []
    for match in found:
        if match.family not in METRIC_COMPATIBLE:
            problems.append(
                f"{FONT} {match.style} is replaced by {match.family} ({match.file}), "
                "which does not have its metrics: lines and pages will break differently."
            )
        elif not match.vietnamese:
            problems.append(
                f"{match.family} {match.style} ({match.file}) does not cover Vietnamese: "
                "ư, ơ and stacked tone marks will be printed in another font."
            )
    return problems
