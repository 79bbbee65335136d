"""Evaluation services for the third step, the decision, and reopening an evaluation."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.evaluation import grading, permissions, summaries
from dangvu.evaluation.enums import (
    INDIVIDUAL_KINDS,
    Grade,
    Stage,
    SubjectKind,
)
from dangvu.evaluation.models import (
    Evaluation,
)

from ._common import STEP_FIELDS
from ._steps import _check_day, _check_round_open, _check_signer, _locked


def _check_order(evaluation: Evaluation, grade: str) -> None:
    """Lower organisations before higher; the collective before its members; a head no better
    than their unit."""
    round_ = evaluation.round
    if evaluation.subject_kind == SubjectKind.COLLECTIVE:
        waiting = (
            Evaluation.objects.filter(
                round=round_,
                subject_kind=SubjectKind.COLLECTIVE,
                path__startswith=evaluation.path,
            )
            .exclude(pk=evaluation.pk)
            .exclude(stage=Stage.DECIDED)
            .select_related("organisation")
            .first()
        )
        if waiting is not None:
            raise ValidationError(
                _("Decide %(lower)s first: lower organisations are decided before higher ones.")
                % {"lower": waiting.organisation.name}
            )
        return
    unit = Evaluation.objects.filter(
        round=round_, subject_kind=SubjectKind.COLLECTIVE, organisation=evaluation.organisation
    ).first()
    if unit is None:
        return
    if unit.stage != Stage.DECIDED:
        raise ValidationError(
            _("Decide the collective of %(unit)s before its members.")
            % {"unit": evaluation.organisation.name}
        )
    if evaluation.is_head and grading.is_better(grade, unit.grade):
        raise ValidationError(
            {
                "grade": _("The head of %(unit)s cannot be graded above the unit (“%(grade)s”).")
                % {"unit": evaluation.organisation.name, "grade": Grade(unit.grade).label}
            }
        )


def quota_peers(evaluation: Evaluation) -> QuerySet[Evaluation]:
    """The members the quota counts `evaluation` with: its quota group when it has one, else
    the other members of its grassroots organisation outside any group."""
    peers = Evaluation.objects.filter(
        round_id=evaluation.round_id, subject_kind__in=INDIVIDUAL_KINDS
    )
    if evaluation.quota_group:
        return peers.filter(quota_group=evaluation.quota_group)
    return peers.filter(grassroots_id=evaluation.grassroots_id, quota_group="")


def quota_unit_name(evaluation: Evaluation) -> str:
    if evaluation.quota_group:
        return evaluation.quota_group
    return evaluation.grassroots.name if evaluation.grassroots else ""


def _quota_counts(evaluation: Evaluation) -> tuple[int, int]:
    """Excellent and good members already decided in the evaluation's quota unit; an excellent
    grade decided as an exception (with its reason) is outside the count."""
    decided = (
        quota_peers(evaluation)
        .filter(stage=Stage.DECIDED, quota_exception="")
        .exclude(pk=evaluation.pk)
    )
    excellent = decided.filter(grade=Grade.EXCELLENT).count()
    good = decided.filter(grade=Grade.GOOD).count()
    return excellent, good


@transaction.atomic
def decide(
    *,
    evaluation: Evaluation,
    signer: str,
    on: dt.date,
    by: Actor,
    grade: str = "",
    note: str = "",
    quota_exception: str = "",
) -> Evaluation:
    """Step 3: the competent level grades the subject (the proposal unless it says otherwise, and
    never better than the proposal). A member graded excellent beyond the quota needs the
    competent level's reason for the exception."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.decide",
        evaluation,
        message=_("Only a leader of the competent level decides the grade."),
    )
    _check_round_open(evaluation)
    if evaluation.stage in (Stage.PENDING, Stage.SELF_ASSESSED):
        raise ValidationError(
            _("Cannot decide before the advising body has appraised and proposed a grade.")
        )
    if evaluation.stage == Stage.DECIDED:
        raise ValidationError(_("The evaluation is already decided; reopen it first."))
    signer = _check_signer(signer)
    _check_day(evaluation, on, evaluation.appraised_on, _("decision"))
    grade = grade or evaluation.proposed_grade
    if grade not in Grade.values:
        raise ValidationError({"grade": _("Choose a grade.")})
    if grading.is_better(grade, evaluation.proposed_grade):
        raise ValidationError(
            {
                "grade": _("The decision cannot grade above the proposal (“%(grade)s”).")
                % {"grade": Grade(evaluation.proposed_grade).label}
            }
        )
    _check_order(evaluation, grade)
    quota_exception = quota_exception.strip()
    if evaluation.subject_kind in INDIVIDUAL_KINDS and grade == Grade.EXCELLENT:
        excellent, good = _quota_counts(evaluation)
        percent = evaluation.round.quota_percent
        if grading.breaks_quota(excellent + 1, good, percent) and not quota_exception:
            raise ValidationError(
                {
                    "quota_exception": _(
                        "Over the quota: with %(name)s, %(n)s members of %(org)s would be graded "
                        "excellent, where at most %(percent)s%% of those graded good or better "
                        "(%(limit)s of %(total)s) may be. Grade lower, or give the reason for an "
                        "exception."
                    )
                    % {
                        "name": evaluation.subject_name,
                        "n": excellent + 1,
                        "org": quota_unit_name(evaluation),
                        "percent": percent,
                        "limit": grading.quota_limit(excellent + 1 + good, percent),
                        "total": excellent + 1 + good,
                    }
                }
            )
    else:
        quota_exception = ""
    level = (
        permissions.competent_level(evaluation)
        if isinstance(by, policy.SystemActor)
        else permissions.deciding_level(by, evaluation)
    )
    before = audit.snapshot(evaluation, STEP_FIELDS["decision"])
    evaluation.grade = grade
    evaluation.decision_note = note.strip()
    evaluation.quota_exception = quota_exception
    evaluation.decision_signer = signer
    evaluation.decided_on = on
    evaluation.decided_by = audit.actor_or_none(by)
    evaluation.decided_level = level
    evaluation.stage = Stage.DECIDED
    evaluation.full_clean()
    evaluation.save()
    summaries.apply(evaluation, grade, 1)
    audit.record(
        actor=by,
        action="evaluation.decide",
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, STEP_FIELDS["decision"]),
    )
    return evaluation


def _check_reopen_order(evaluation: Evaluation) -> None:
    """The order of the decisions, backwards: a collective is reopened only while no higher
    organisation decided after it and its head (graded no better than the unit) is not decided."""
    if evaluation.subject_kind != SubjectKind.COLLECTIVE:
        return
    parts = [p for p in evaluation.path.strip("/").split("/") if p]
    above = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    decided = Evaluation.objects.filter(round_id=evaluation.round_id, stage=Stage.DECIDED)
    higher = (
        decided.filter(subject_kind=SubjectKind.COLLECTIVE, path__in=above)
        .select_related("organisation")
        .order_by("path")
        .first()
    )
    if higher is not None:
        raise ValidationError(
            _("Reopen %(higher)s first: it was decided after %(name)s.")
            % {"higher": higher.organisation.name, "name": evaluation.organisation.name}
        )
    head = (
        decided.filter(organisation_id=evaluation.organisation_id, is_head=True)
        .select_related("member")
        .first()
    )
    if head is not None:
        raise ValidationError(
            _("Reopen the decision on %(head)s, who heads %(unit)s, first.")
            % {"head": head.subject_name, "unit": evaluation.organisation.name}
        )


@transaction.atomic
def reopen(*, evaluation: Evaluation, reason: str, by: Actor) -> Evaluation:
    """Undo a decision (back to the appraisal), by the level that decided, with a reason; a
    collective after the decisions that rest on it (higher organisations, its head)."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.reopen",
        evaluation,
        message=_("Only the level that decided can reopen the decision."),
    )
    _check_round_open(evaluation)
    if evaluation.stage != Stage.DECIDED:
        raise ValidationError(_("Only a decided evaluation can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    _check_reopen_order(evaluation)
    before = audit.snapshot(evaluation, STEP_FIELDS["decision"])
    summaries.apply(evaluation, evaluation.grade, -1)
    evaluation.stage = Stage.APPRAISED
    evaluation.grade = ""
    evaluation.quota_exception = ""
    evaluation.decision_signer = ""
    evaluation.decided_on = None
    evaluation.decided_by = None
    evaluation.decided_level = None
    evaluation.decision_note = ""
    evaluation.save()
    audit.record(
        actor=by,
        action="evaluation.reopen",
        obj=evaluation,
        before=before,
        after={**audit.snapshot(evaluation, STEP_FIELDS["decision"]), "reason": reason.strip()},
    )
    return evaluation


@transaction.atomic
def quota_group_set(*, evaluation: Evaluation, group: str, by: Actor) -> Evaluation:
    """Count a member in a group with comparable tasks for the quota (empty: back to their
    grassroots organisation); the round's office decides it before the member's decision."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "round.manage",
        evaluation.round,
        message=_("Only the committee's office sets the groups the quota counts in."),
    )
    _check_round_open(evaluation)
    if evaluation.subject_kind not in INDIVIDUAL_KINDS:
        raise ValidationError(_("The quota counts members only."))
    if evaluation.stage == Stage.DECIDED:
        raise ValidationError(_("The evaluation is already decided; reopen it first."))
    before = audit.snapshot(evaluation, ["quota_group"])
    evaluation.quota_group = " ".join(group.split())
    evaluation.full_clean()
    evaluation.save(update_fields=["quota_group"])
    audit.record(
        actor=by,
        action="evaluation.quota_group",
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, ["quota_group"]),
    )
    return evaluation
