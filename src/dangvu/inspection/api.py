"""The inspection API: inspections (scoped like the pages: what the user may not read is a 404),
the subject's and the team's reports, recommendations with their task status, statistics.
Discipline records are not served here: their reads go through the logged pages only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.schema_types import Day, Line
from dangvu.inspection import services
from dangvu.inspection.enums import InspectionKind, InspectionState
from dangvu.inspection.models import Inspection
from dangvu.inspection.schemas import (
    InspectionOut,
    RecommendationOut,
    StatisticsOut,
    StepIn,
)
from dangvu.inspection.selectors import (
    InspectionFilters,
    get_inspection_for_user,
    inspections_visible_to,
    recommendation_lines,
)
from dangvu.inspection.statistics import StatRow, inspection_statistics

router = Router(tags=["inspection"])


def _out(inspection: Inspection) -> dict[str, Any]:
    return {
        "id": inspection.pk,
        "committee_id": inspection.committee_id,
        "issuer_id": inspection.issuer_id,
        "kind": inspection.kind,
        "title": inspection.title,
        "state": inspection.state,
        "decision_number": str(inspection.decision_number) if inspection.decision_number else None,
        "decided_on": inspection.decided_on,
        "subject_report_due": inspection.subject_report_due,
        "team_report_due": inspection.team_report_due,
        "conclusion_due": inspection.conclusion_due,
        "subject_reported_on": inspection.subject_reported_on,
        "team_reported_on": inspection.team_reported_on,
        "concluded_on": inspection.concluded_on,
        "conclusion_number": str(inspection.conclusion_number)
        if inspection.conclusion_number
        else None,
        "subjects": [
            {
                "id": s.pk,
                "organisation_id": s.organisation_id,
                "organisation": s.organisation.name,
                "member_name": s.member_name,
                "violation": s.violation,
            }
            for s in inspection.subjects.all()
        ],
    }


@router.get("/", response=list[InspectionOut])
def inspection_list(
    request: HttpRequest,
    kind: Line = "",
    state: Line = "",
    year: int | None = Query(None, ge=1, le=9999),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> list[dict[str, Any]]:
    """Inspections the user may read, newest first; an unknown kind or state matches none."""
    if kind not in InspectionKind.values:
        kind = "" if not kind else "-"
    if state not in InspectionState.values:
        state = "" if not state else "-"
    filters = InspectionFilters(kind=kind, state=state, year=year)
    qs = inspections_visible_to(request.user, filters)[offset : offset + limit]
    return [_out(i) for i in qs]


@router.get("/statistics", response=StatisticsOut)
def statistics(
    request: HttpRequest, start: Day | None = None, end: Day | None = None
) -> dict[str, Any]:
    year = today().year
    stats = inspection_statistics(
        request.user,
        start=start or dt.date(year, 1, 1),
        end=end or dt.date(year, 12, 31),
    )

    def row(r: StatRow) -> dict[str, Any]:
        return {
            "organisation_id": r.organisation.pk if r.organisation else None,
            "label": r.label,
            "counts": r.counts,
        }

    return {
        "start": stats.start,
        "end": stats.end,
        "rows": [row(r) for r in stats.rows],
        "total": row(stats.total),
    }


@router.get("/{inspection_id}", response=InspectionOut)
def inspection_detail(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    return _out(get_inspection_for_user(request.user, inspection_id))


@router.post("/{inspection_id}/subject-report", response=InspectionOut)
def subject_report(request: HttpRequest, inspection_id: int, payload: StepIn) -> dict[str, Any]:
    inspection = get_inspection_for_user(request.user, inspection_id)
    services.subject_report_record(
        inspection=inspection, on=payload.on, note=payload.note, by=policy.actor_of(request)
    )
    return _out(get_inspection_for_user(request.user, inspection_id))


@router.post("/{inspection_id}/team-report", response=InspectionOut)
def team_report(request: HttpRequest, inspection_id: int, payload: StepIn) -> dict[str, Any]:
    inspection = get_inspection_for_user(request.user, inspection_id)
    services.team_report_record(
        inspection=inspection, on=payload.on, note=payload.note, by=policy.actor_of(request)
    )
    return _out(get_inspection_for_user(request.user, inspection_id))


@router.get("/{inspection_id}/recommendations", response=list[RecommendationOut])
def recommendations(request: HttpRequest, inspection_id: int) -> list[dict[str, Any]]:
    inspection = get_inspection_for_user(request.user, inspection_id)
    return [
        {
            "id": line.recommendation.pk,
            "position": line.recommendation.position,
            "text": line.recommendation.text,
            "lead_unit_id": line.recommendation.lead_unit_id,
            "deadline": line.recommendation.deadline,
            "task_id": line.recommendation.task_id,
            "status": line.status.value if line.status else None,
        }
        for line in recommendation_lines(inspection.recommendations.all())
    ]
