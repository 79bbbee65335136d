"""The grade a score and the non-point conditions allow, and the quota rule: pure functions,
no database, so the services, the pages and the tests share one rule.

- Points: excellent ≥ the set's `excellent_min` (90), good ≥ `good_min` (70), complete ≥
  `complete_min` (50), failed below.
- "Excellent" needs, beyond the points: every task done on time, a share of them beyond
  expectations, earlier shortcomings remedied, and nobody disciplined (for a collective: none of
  its members). Short of one, the grade is at most "good".
- A member disciplined in the period is at most "complete".
- The quota: members graded excellent ≤ `percent`% of those graded good or better, per grassroots
  organisation (`excellent × 100 ≤ percent × (excellent + good)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dangvu.evaluation.enums import GRADE_RANK, Grade, SubjectKind


@dataclass(frozen=True)
class Conditions:
    tasks_all_on_time: bool = False
    tasks_exceeding: bool = False
    disciplined: bool = False
    shortcomings_remedied: bool = True


@dataclass
class Grading:
    grade: Grade
    by_points: Grade
    reasons: list[str] = field(default_factory=list)  # why the grade is below the points' band


def by_points(total: Decimal, bands: Any) -> Grade:
    if total >= bands.excellent_min:
        return Grade.EXCELLENT
    if total >= bands.good_min:
        return Grade.GOOD
    if total >= bands.complete_min:
        return Grade.COMPLETE
    return Grade.FAILED


def at_most(grade: Grade, cap: Grade) -> Grade:
    return grade if GRADE_RANK[grade] >= GRADE_RANK[cap] else cap


def grade_for(total: Decimal, bands: Any, kind: str, conditions: Conditions) -> Grading:
    """The best grade `total` points and `conditions` allow for a subject of `kind`."""
    points = by_points(total, bands)
    grade = points
    reasons: list[str] = []
    if grade == Grade.EXCELLENT:
        missing = []
        if not conditions.tasks_all_on_time:
            missing.append(_("not every task was done on time"))
        if not conditions.tasks_exceeding:
            missing.append(_("no share of the tasks beyond expectations"))
        if not conditions.shortcomings_remedied:
            missing.append(_("earlier shortcomings not remedied"))
        if conditions.disciplined:
            missing.append(
                _("a member was disciplined")
                if kind == SubjectKind.COLLECTIVE
                else _("disciplined in the period")
            )
        if missing:
            grade = Grade.GOOD
            reasons.append(_("Not excellent: %(list)s.") % {"list": "; ".join(missing)})
    if kind != SubjectKind.COLLECTIVE and conditions.disciplined:
        capped = at_most(grade, Grade.COMPLETE)
        if capped != grade:
            reasons.append(_("A member disciplined in the period is graded at most “complete”."))
            grade = capped
    return Grading(grade=grade, by_points=points, reasons=reasons)


def quota_limit(good_or_better: int, percent: int) -> int:
    """How many of `good_or_better` members may be excellent."""
    return good_or_better * percent // 100


def breaks_quota(excellent: int, good: int, percent: int) -> bool:
    return excellent * 100 > percent * (excellent + good)


def is_better(grade: str, than: str) -> bool:
    return GRADE_RANK[Grade(grade)] < GRADE_RANK[Grade(than)]
