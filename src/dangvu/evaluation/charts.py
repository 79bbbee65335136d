"""The results chart, written as SVG in Python (like `assignments.charts`): one stacked bar per
organisation, one segment per grade, coloured by SVG `fill` attributes (no inline CSS)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from dangvu.evaluation.enums import GRADE_ORDER, Grade
from dangvu.evaluation.selectors import GradeCounts, RollUp

COLOURS = {
    Grade.EXCELLENT: "#1b7f3b",
    Grade.GOOD: "#5aa469",
    Grade.COMPLETE: "#e0b341",
    Grade.FAILED: "#b3261e",
}
LABEL_WIDTH = 240
BAR_WIDTH = 420
ROW = 24
BAR = 16


def _bar(y: int, label: str, counts: GradeCounts) -> list[str]:
    out = [
        f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 3}" text-anchor="end" font-size="12">'
        f"{escape(label)}</text>"
    ]
    total = counts.total
    x = float(LABEL_WIDTH)
    for grade in GRADE_ORDER:
        n = counts.counts[grade]
        if not n or not total:
            continue
        width = BAR_WIDTH * n / total
        out.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{COLOURS[grade]}">'
            f"<title>{escape(str(Grade(grade).label))}: {n}</title></rect>"
        )
        x += width
    out.append(
        f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + BAR - 3}" font-size="12">{total}</text>'
    )
    return out


def results_svg(figures: RollUp, *, members: bool = True, title: str = "") -> SafeString:
    """Shares per grade for the whole (first bar) and each organisation under it."""
    rows = [figures.total, *figures.children]
    height = ROW * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}">'
    ]
    for i, row in enumerate(rows):
        counts = row.members if members else row.organisations
        parts.extend(_bar(4 + i * ROW, row.organisation.display_name, counts))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def legend() -> list[tuple[str, str]]:
    return [(COLOURS[g], str(Grade(g).label)) for g in GRADE_ORDER]
