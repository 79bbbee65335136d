"""The evaluation API: rounds, their results (the roll-up) and subjects, scoped like the pages;
the decision step through the same service."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from dangvu.core import policy
from dangvu.evaluation import selectors, services
from dangvu.evaluation.models import Evaluation, Round
from dangvu.evaluation.schemas import DecideIn, EvaluationOut, ResultsOut, RoundOut
from dangvu.evaluation.selectors import GradeCounts, RollUpRow
from dangvu.org.models import Organisation

router = Router(tags=["evaluation"])


def _round_out(r: Round) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "committee_id": r.committee_id,
        "kind": r.kind,
        "starts_on": r.starts_on,
        "ends_on": r.ends_on,
        "quota_percent": r.quota_percent,
        "decision_number": str(r.decision_number) if r.decision_number else None,
    }


def _counts(c: GradeCounts) -> dict[str, int]:
    return {"total": c.total, **{str(g): n for g, n in c.counts.items()}}


def _row(row: RollUpRow) -> dict[str, Any]:
    return {
        "organisation_id": row.organisation.pk,
        "name": row.organisation.name,
        "organisations": _counts(row.organisations),
        "members": _counts(row.members),
    }


def _evaluation_out(e: Evaluation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "subject": e.subject_name,
        "subject_kind": e.subject_kind,
        "organisation_id": e.organisation_id,
        "stage": e.stage,
        "self_total": float(e.self_total) if e.self_total is not None else None,
        "proposed_grade": e.proposed_grade,
        "grade": e.grade,
    }


@router.get("/rounds", response=list[RoundOut])
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_round_out(r) for r in selectors.rounds_visible_to(request.user)[:200]]


@router.get("/rounds/{round_id}/results", response=ResultsOut)
def round_results(request: HttpRequest, round_id: int, under: int | None = None) -> dict[str, Any]:
    round_ = selectors.get_round_for_user(request.user, round_id)
    if not policy.allowed(request.user, "round.results", round_):
        raise PermissionDenied(_("Only the committee's office and leaders read the results."))
    org = None
    if under is not None:
        org = Organisation.objects.filter(pk=under, path__startswith=round_.committee.path).first()
    figures = selectors.rollup(round_, org)
    return {
        "round_id": round_.pk,
        "under": _row(figures.total),
        "children": [_row(r) for r in figures.children],
    }


@router.get("/rounds/{round_id}/subjects", response=list[EvaluationOut])
def round_subjects(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    round_ = selectors.get_round_for_user(request.user, round_id)
    return [
        _evaluation_out(e) for e in selectors.evaluations_visible_to(request.user, round_)[:1000]
    ]


@router.post("/subjects/{evaluation_id}/decide", response=EvaluationOut)
def decide(request: HttpRequest, evaluation_id: int, payload: DecideIn) -> dict[str, Any]:
    evaluation = selectors.get_evaluation_for_user(request.user, evaluation_id)
    done = services.decide(evaluation=evaluation, by=policy.actor_of(request), **payload.dict())
    return _evaluation_out(done)
