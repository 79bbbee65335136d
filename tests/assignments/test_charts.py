"""The statistics chart: geometry from the rows, written as SVG."""

import re

from django.utils import translation

from dangvu.assignments.charts import BAR_WIDTH, LABEL_WIDTH, bar_chart, chart_svg
from dangvu.assignments.enums import Status
from dangvu.assignments.selectors import StatisticsRow


def row(label: str, **counts: int) -> StatisticsRow:
    statuses = {Status(name): count for name, count in counts.items()}
    return StatisticsRow(key=label, label=label, assigned=sum(counts.values()), counts=statuses)


def test_bars_are_scaled_to_the_largest_row() -> None:
    rows = [
        row("Ban Tuyên giáo", done_on_time=6, overdue=2),
        row("Ủy ban Kiểm tra", done_on_time=1, in_progress=1, due_soon=2),
    ]
    chart = bar_chart(rows)
    first, second = chart.bars
    assert [s.status for s in first.segments] == [Status.DONE_ON_TIME, Status.OVERDUE]
    assert first.segments[0].width == BAR_WIDTH * 6 / 8
    assert first.segments[1].x == LABEL_WIDTH + BAR_WIDTH * 6 / 8
    # Due soon is drawn within "in progress" (3 of the row's 4), never as a separate segment.
    assert [(s.status, s.count) for s in second.segments] == [
        (Status.DONE_ON_TIME, 1),
        (Status.IN_PROGRESS, 3),
    ]
    assert second.end_x == LABEL_WIDTH + BAR_WIDTH * 4 / 8 + 6


def test_the_svg_has_a_rect_per_segment_and_escapes_the_labels() -> None:
    rows = [row("<Ban> & Đảng", done_on_time=3), row("Phường Bồ Đề", overdue=1, done_late=1)]
    with translation.override("vi"):
        svg = str(chart_svg(bar_chart(rows), 'Nhiệm vụ "theo" tình trạng'))
    assert svg.startswith('<svg viewBox="0 0 730 60"')
    assert 'aria-label="Nhiệm vụ &quot;theo&quot; tình trạng"' in svg
    assert "&lt;Ban&gt; &amp; Đảng" in svg
    assert "<Ban>" not in svg
    rects = re.findall(r'<rect class="seg seg-(\w+)" x="([\d.]+)" y="(\d+)" width="([\d.]+)"', svg)
    assert [(status, x, y, width) for status, x, y, width in rects] == [
        ("done_on_time", "220.00", "4", "460.00"),
        ("done_late", "220.00", "30", "153.33"),
        ("overdue", "373.33", "30", "153.33"),
    ]
    assert "<title>Hoàn thành đúng hạn: 3</title>" in svg
