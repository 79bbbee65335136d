"""The outline in its text form, which the office edits and saves as a template.

One section per line, indented by two spaces per level. A marker at the start says what the
section gathers from the units: `*` results on a topic (units write results, shortcomings and
tasks for it), `!` the units' shortcomings, `>` the units' next-period tasks; no marker: the office
writes it. Indicators: one per line, "name | unit of measure", with "| decimal" for non-whole
numbers. Numbers (Phần thứ nhất, I, 1, a) are given by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.reports.enums import IndicatorType, SectionRole

MARKERS = {"*": SectionRole.TOPIC, "!": SectionRole.SHORTCOMINGS, ">": SectionRole.TASKS}
MARKER_OF = {role: marker for marker, role in MARKERS.items()}
MAX_DEPTH = 3

DEFAULT_OUTLINE = """\
Kết quả thực hiện nhiệm vụ
  * Công tác chính trị, tư tưởng
  * Công tác tổ chức, cán bộ, đảng viên
  * Công tác kiểm tra, giám sát
  * Công tác dân vận
  * Công tác nội chính, phòng, chống tham nhũng
  * Lãnh đạo chính quyền thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh
  * Hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội
  * Công tác văn phòng
  Đánh giá chung
    Ưu điểm
    ! Hạn chế, khuyết điểm
    Nguyên nhân
> Nhiệm vụ trọng tâm kỳ tới
Kiến nghị, đề xuất
"""

DEFAULT_INDICATORS = """\
Đảng viên mới kết nạp | đồng chí
Cuộc kiểm tra đã tiến hành | cuộc
Cuộc giám sát đã tiến hành | cuộc
Đảng viên bị kỷ luật | đồng chí
Huy hiệu Đảng đã trao | đồng chí
Buổi tuyên truyền, học tập nghị quyết | buổi
"""

PARTS = ["Phần thứ nhất", "Phần thứ hai", "Phần thứ ba", "Phần thứ tư", "Phần thứ năm"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


@dataclass
class OutlineNode:
    title: str
    role: str
    depth: int
    number: str = ""
    children: list[OutlineNode] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    value_type: str = IndicatorType.INTEGER


def _label(depth: int, index: int) -> str:
    if depth == 0:
        return PARTS[index] if index < len(PARTS) else f"Phần {index + 1}"
    if depth == 1:
        return ROMAN[index] if index < len(ROMAN) else str(index + 1)
    if depth == 2:
        return str(index + 1)
    return "abcdefghijklmnopqrstuvwxyz"[index % 26]


def parse_outline(text: str) -> list[OutlineNode]:
    """The sections in pre-order, numbered. Raises ValidationError naming the line at fault."""
    flat: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    counters: list[int] = []
    for lineno, raw in enumerate(text.replace("\t", "  ").splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        depth = indent // 2
        line = raw.strip()
        role = SectionRole.TEXT
        if line[0] in MARKERS:
            role = MARKERS[line[0]]
            line = line[1:].strip()
        if not line:
            raise ValidationError(_("Line %(line)d has a marker but no title.") % {"line": lineno})
        if depth > len(stack) or depth > MAX_DEPTH:
            raise ValidationError(
                _("Line %(line)d is indented deeper than the section above it.") % {"line": lineno}
            )
        del stack[depth:]
        del counters[depth + 1 :]
        if len(counters) <= depth:
            counters.append(0)
        node = OutlineNode(title=line[:300], role=role, depth=depth)
        node.number = _label(depth, counters[depth])
        counters[depth] += 1
        if stack:
            stack[-1].children.append(node)
        stack.append(node)
        flat.append(node)
    if not flat:
        raise ValidationError(_("The outline needs at least one section."))
    return flat


def outline_text(sections: list[tuple[int, str, str]]) -> str:
    """Back to text from (depth, role, title) in order."""
    lines = []
    for depth, role, title in sections:
        marker = MARKER_OF.get(SectionRole(role))
        lines.append("  " * depth + (f"{marker} " if marker else "") + title)
    return "\n".join(lines) + "\n"


def parse_indicators(text: str) -> list[IndicatorSpec]:
    specs: list[IndicatorSpec] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise ValidationError(
                _('Indicator line %(line)d must read "name | unit of measure".') % {"line": lineno}
            )
        value_type = IndicatorType.INTEGER
        if len(parts) > 2 and parts[2].lower() in ("decimal", "thập phân"):
            value_type = IndicatorType.DECIMAL
        if parts[0].lower() in seen:
            raise ValidationError(
                _("Indicator line %(line)d repeats “%(name)s”.")
                % {"line": lineno, "name": parts[0]}
            )
        seen.add(parts[0].lower())
        specs.append(IndicatorSpec(parts[0][:200], parts[1][:50], value_type))
    return specs


def indicators_text(specs: list[IndicatorSpec]) -> str:
    lines = []
    for spec in specs:
        suffix = " | decimal" if spec.value_type == IndicatorType.DECIMAL else ""
        lines.append(f"{spec.name} | {spec.unit}{suffix}")
    return "\n".join(lines) + ("\n" if lines else "")
