"""The period report's inspection indicators, computed from the records instead of typed.

The reports app asks its registered figure sources (`reports.figure_sources`) when a unit's
contribution is saved; this source answers for the contribution of a committee's inspection
commission (the body that issued an inspection programme of the committee covering the period's
year), over every record of the committee and of the levels under it, with the same counts as
the statistics page (`statistics.inspection_statistics`, so the two never disagree):

- the default outline's three: "Cuộc kiểm tra đã tiến hành", "Cuộc giám sát đã tiến hành"
  (decided in the period) and "Đảng viên bị kỷ luật" (members disciplined, decided in it);
- the standard counts an office may add to a period's indicators by these names (`STANDARD`):
  planned, concluded, organisations and members inspected or supervised, with violations, and
  disciplined by form.

An indicator the period does not list is not asked for; committees that keep no records here
keep typing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangvu.core import policy
from dangvu.inspection.enums import Body
from dangvu.inspection.models import Programme
from dangvu.inspection.statistics import inspection_statistics
from dangvu.org.models import Organisation

INSPECTIONS_HELD = "Cuộc kiểm tra đã tiến hành"
SUPERVISIONS_HELD = "Cuộc giám sát đã tiến hành"
MEMBERS_DISCIPLINED = "Đảng viên bị kỷ luật"
INDICATORS = (INSPECTIONS_HELD, SUPERVISIONS_HELD, MEMBERS_DISCIPLINED)

# Indicator name (as a period lists it; Vietnamese, the report's own words) → statistics count.
STANDARD: dict[str, str] = {
    INSPECTIONS_HELD: "inspections_held",
    SUPERVISIONS_HELD: "supervisions_held",
    "Cuộc kiểm tra theo kế hoạch": "planned_inspections",
    "Cuộc giám sát theo kế hoạch": "planned_supervisions",
    "Cuộc kiểm tra đã kết luận": "inspections_done",
    "Cuộc giám sát đã kết luận": "supervisions_done",
    "Tổ chức đảng được kiểm tra, giám sát": "subject_organisations",
    "Đảng viên được kiểm tra, giám sát": "subject_members",
    "Tổ chức đảng có vi phạm": "organisations_with_violations",
    "Đảng viên có vi phạm": "members_with_violations",
    "Đảng viên bị kỷ luật khiển trách": "members_reprimand",
    "Đảng viên bị kỷ luật cảnh cáo": "members_warning",
    "Đảng viên bị kỷ luật cách chức": "members_dismissal",
    "Đảng viên bị kỷ luật khai trừ": "members_expulsion",
    "Tổ chức đảng bị kỷ luật khiển trách": "organisations_reprimand",
    "Tổ chức đảng bị kỷ luật cảnh cáo": "organisations_warning",
    "Tổ chức đảng bị giải tán": "organisations_dissolution",
}
ORGANISATIONS_DISCIPLINED = "Tổ chức đảng bị kỷ luật"


def figures(committee: Organisation, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """Every indicator this source knows, for `committee` and the levels under it, over
    [start, end] (the statistics' fixed number of queries)."""
    total = inspection_statistics(policy.SYSTEM, start=start, end=end, under=committee).total
    out = {name: Decimal(total.counts[key]) for name, key in STANDARD.items()}
    out[MEMBERS_DISCIPLINED] = Decimal(total.members_disciplined)
    out[ORGANISATIONS_DISCIPLINED] = Decimal(total.organisations_disciplined)
    return out


def figures_for_unit(
    *, unit: Organisation, committee: Organisation, start: dt.date, end: dt.date
) -> dict[str, Decimal]:
    """What the reports app asks: the figures when `unit` is the committee's commission keeping
    its records here for the period's years; nothing otherwise."""
    keeps_records = Programme.objects.filter(
        committee=committee,
        issuer=unit,
        body=Body.COMMISSION,
        year_from__lte=end.year,
        year_to__gte=start.year,
    ).exists()
    if not keeps_records:
        return {}
    return figures(committee, start, end)


def register() -> None:
    from dangvu.reports import figure_sources

    figure_sources.register("inspection", figures_for_unit)
