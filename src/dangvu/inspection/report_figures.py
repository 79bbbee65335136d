"""The period report's inspection indicators, computed from the records instead of typed.

The reports app asks its registered figure sources (`reports.figure_sources`) when a unit's
contribution is saved; this source answers for the contribution of a committee's inspection
commission (the body that issued an inspection programme of the committee covering the period's
year): "Cuộc kiểm tra đã tiến hành", "Cuộc giám sát đã tiến hành" (decided in the period) and
"Đảng viên bị kỷ luật" (members disciplined, decided in the period), over every record of the
committee and of the levels under it. Committees that keep no records here keep typing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q

from dangvu.inspection.enums import SUPERVISION_KINDS, Body, SubjectKind
from dangvu.inspection.models import DisciplineRecord, Inspection, Programme
from dangvu.org.models import Organisation

INSPECTIONS_HELD = "Cuộc kiểm tra đã tiến hành"
SUPERVISIONS_HELD = "Cuộc giám sát đã tiến hành"
MEMBERS_DISCIPLINED = "Đảng viên bị kỷ luật"
INDICATORS = (INSPECTIONS_HELD, SUPERVISIONS_HELD, MEMBERS_DISCIPLINED)


def figures(committee: Organisation, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """The three indicators for `committee` and the levels under it, over [start, end]
    (two queries)."""
    held = Inspection.objects.filter(
        committee__path__startswith=committee.path, decided_on__range=(start, end)
    ).aggregate(
        total=Count("pk"), supervisions=Count("pk", filter=Q(kind__in=list(SUPERVISION_KINDS)))
    )
    disciplined = DisciplineRecord.objects.filter(
        committee__path__startswith=committee.path,
        decided_on__range=(start, end),
        subject_kind=SubjectKind.MEMBER,
    ).count()
    return {
        INSPECTIONS_HELD: Decimal(held["total"] - held["supervisions"]),
        SUPERVISIONS_HELD: Decimal(held["supervisions"]),
        MEMBERS_DISCIPLINED: Decimal(disciplined),
    }


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
