"""The reports API: periods, contributions (read, submit, accept, return) and draft versions.
The same selectors scope what a user sees (404 for what they may not) and the same services do
the writes, so the API behaves like the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from dangvu.core.policy import actor_of
from dangvu.reports import selectors, services
from dangvu.reports.models import Contribution, DraftVersion
from dangvu.reports.schemas import (
    ConsolidateIn,
    ContributionDetailOut,
    ContributionOut,
    PeriodDetailOut,
    PeriodOut,
    ReturnIn,
    VersionDetailOut,
    VersionOut,
)

router = Router(tags=["reports"])


def _contribution(c: Contribution) -> dict[str, Any]:
    return {
        "id": c.pk,
        "period_id": c.period_id,
        "unit_id": c.unit_id,
        "unit_name": c.unit.name,
        "status": c.status,
        "version": c.version,
        "late": c.late,
        "submitted_at": c.submitted_at,
        "return_reason": c.return_reason,
    }


def _contribution_detail(c: Contribution) -> dict[str, Any]:
    return {
        **_contribution(c),
        "entries": list(c.entries.values("section_id", "results", "shortcomings", "tasks")),
        "values": {v.indicator.name: str(v.value) for v in c.values.select_related("indicator")},
    }


def _version(v: DraftVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "created_at": v.created_at,
        "created_by": str(v.created_by) if v.created_by else None,
        "note": v.note,
    }


@router.get("/periods", response=list[PeriodOut])
def period_list(request: HttpRequest) -> Any:
    """Reporting periods the user may see."""
    return selectors.periods_visible_to(request.user).order_by("-starts_on", "-pk")


@router.get("/periods/{period_id}", response=PeriodDetailOut)
def period_detail(request: HttpRequest, period_id: int) -> Any:
    period = selectors.get_period_for_user(request.user, period_id)
    issued = getattr(period, "issued", None)
    return {
        **PeriodOut.model_validate(period).model_dump(),
        "sections": list(period.sections.all()),
        "indicators": list(period.indicators.all()),
        "issued_number": issued.number_label if issued else None,
    }


@router.get("/periods/{period_id}/contributions", response=list[ContributionOut])
def contribution_list(request: HttpRequest, period_id: int) -> Any:
    """The status board: every contribution for the office and leaders, a unit's own for it."""
    period = selectors.get_period_for_user(request.user, period_id)
    return [_contribution(c) for c in selectors.status_board(period, user=request.user)]


@router.get("/contributions/{contribution_id}", response=ContributionDetailOut)
def contribution_detail(request: HttpRequest, contribution_id: int) -> Any:
    contribution = selectors.get_contribution_for_user(request.user, contribution_id)
    return _contribution_detail(contribution)


@router.post("/contributions/{contribution_id}/submit", response=ContributionOut)
def contribution_submit(request: HttpRequest, contribution_id: int) -> Any:
    """The unit head submits the contribution to the office."""
    contribution = selectors.get_contribution_for_user(request.user, contribution_id)
    return _contribution(
        services.contribution_submit(contribution=contribution, by=actor_of(request))
    )


@router.post("/contributions/{contribution_id}/accept", response=ContributionOut)
def contribution_accept(request: HttpRequest, contribution_id: int) -> Any:
    contribution = selectors.get_contribution_for_user(request.user, contribution_id)
    return _contribution(
        services.contribution_accept(contribution=contribution, by=actor_of(request))
    )


@router.post("/contributions/{contribution_id}/return", response=ContributionOut)
def contribution_return(request: HttpRequest, contribution_id: int, payload: ReturnIn) -> Any:
    contribution = selectors.get_contribution_for_user(request.user, contribution_id)
    returned = services.contribution_return(
        contribution=contribution, reason=payload.reason, by=actor_of(request)
    )
    return _contribution(returned)


@router.get("/periods/{period_id}/drafts", response=list[VersionOut])
def draft_list(request: HttpRequest, period_id: int) -> Any:
    period = selectors.get_period_for_user(request.user, period_id)
    return [_version(v) for v in selectors.version_list(period)]


@router.get("/periods/{period_id}/drafts/{number}", response=VersionDetailOut)
def draft_detail(request: HttpRequest, period_id: int, number: int) -> Any:
    period = selectors.get_period_for_user(request.user, period_id)
    version = selectors.get_version(period, number)
    return {**_version(version), "body": version.body, "indicators": version.indicators}


@router.post("/periods/{period_id}/drafts", response={201: VersionOut})
def draft_consolidate(request: HttpRequest, period_id: int, payload: ConsolidateIn) -> Any:
    """Consolidate the accepted contributions into a new version (optimistic locking on
    `base_version`: 422 when someone saved since)."""
    period = selectors.get_period_for_user(request.user, period_id)
    version = services.draft_consolidate(
        period=period, base_version=payload.base_version, by=actor_of(request)
    )
    return Status(201, _version(version))
