"""Evaluation services for the first two steps: self-assessment and appraisal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.evaluation import grading
from dangvu.evaluation.enums import (
    Grade,
    Stage,
)
from dangvu.evaluation.models import (
    Evaluation,
    Score,
)

from ._common import STEP_FIELDS
from ._steps import (
    ScoreInput,
    _check_day,
    _check_round_open,
    _check_signer,
    _locked,
    _parse_score,
    _points,
)


def _step_save(
    evaluation: Evaluation,
    *,
    conditions: grading.Conditions,
    stage: str,
    action: str,
    step: str,
    before: audit.Snapshot,
    by: Actor,
) -> Evaluation:
    """The end of a step: the conditions it judged on, the new stage, and the audit entry."""
    evaluation.tasks_all_on_time = conditions.tasks_all_on_time
    evaluation.tasks_exceeding = conditions.tasks_exceeding
    evaluation.disciplined = conditions.disciplined
    evaluation.shortcomings_remedied = conditions.shortcomings_remedied
    evaluation.stage = stage
    evaluation.full_clean()
    evaluation.save()
    audit.record(
        actor=by,
        action=action,
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, STEP_FIELDS[step]),
    )
    return evaluation


@transaction.atomic
def self_assess(
    *,
    evaluation: Evaluation,
    scores: Mapping[int, ScoreInput],
    signer: str,
    on: dt.date,
    by: Actor,
    note: str = "",
    conditions: grading.Conditions | None = None,
) -> Evaluation:
    """Step 1: a score for every criterion of the subject's set (0 … the criterion's maximum).
    Repeatable until the appraisal; nothing is written when one score is wrong."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.self_assess",
        evaluation,
        message=_("Only the subject (or its unit on its behalf) assesses itself."),
    )
    _check_round_open(evaluation)
    if evaluation.stage not in (Stage.PENDING, Stage.SELF_ASSESSED):
        raise ValidationError(
            _("The self-assessment is closed: the evaluation is already %(stage)s.")
            % {"stage": evaluation.get_stage_display().lower()}
        )
    signer = _check_signer(signer)
    _check_day(evaluation, on, None, _("self-assessment"))
    criteria = list(evaluation.criteria_set.criteria.all())
    errors: list[str] = []
    parsed: dict[int, Decimal] = {}
    for criterion in criteria:
        given = scores.get(criterion.pk)
        if given is None or str(given.score).strip() == "":
            errors.append(_("Criterion %(number)s has no score.") % {"number": criterion.number})
            continue
        try:
            parsed[criterion.pk] = _parse_score(given.score, criterion)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"scores": errors})
    before = audit.snapshot(evaluation, STEP_FIELDS["self"])
    Score.objects.filter(evaluation=evaluation).delete()
    Score.objects.bulk_create(
        Score(
            evaluation=evaluation,
            criterion=criterion,
            self_score=parsed[criterion.pk],
            note=scores[criterion.pk].note.strip()[:500],
            evidence=scores[criterion.pk].evidence.strip()[:500],
        )
        for criterion in criteria
    )
    conditions = conditions or grading.Conditions()
    total = sum(parsed.values(), Decimal(0))
    result = grading.grade_for(total, evaluation.criteria_set, evaluation.subject_kind, conditions)
    evaluation.self_total = total
    evaluation.self_grade = result.grade
    evaluation.self_note = note.strip()
    evaluation.self_signer = signer
    evaluation.self_on = on
    evaluation.self_by = audit.actor_or_none(by)
    return _step_save(
        evaluation,
        conditions=conditions,
        stage=Stage.SELF_ASSESSED,
        action="evaluation.self_assess",
        step="self",
        before=before,
        by=by,
    )


@transaction.atomic
def appraise(
    *,
    evaluation: Evaluation,
    signer: str,
    on: dt.date,
    by: Actor,
    scores: Mapping[int, object] | None = None,
    proposed_grade: str = "",
    note: str = "",
    conditions: grading.Conditions | None = None,
) -> Evaluation:
    """Step 2: the advising body checks the scores (keeping the self-assessed ones unless it
    gives others) and the conditions, and proposes a grade no better than they allow."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.appraise",
        evaluation,
        message=_("Only the advising body appraises and proposes."),
    )
    _check_round_open(evaluation)
    if evaluation.stage == Stage.PENDING:
        raise ValidationError(_("Cannot appraise before the self-assessment."))
    if evaluation.stage == Stage.DECIDED:
        raise ValidationError(_("The evaluation is already decided; reopen it first."))
    signer = _check_signer(signer)
    _check_day(evaluation, on, evaluation.self_on, _("appraisal"))
    rows = list(evaluation.scores.select_related("criterion"))
    errors: list[str] = []
    for row in rows:
        raw = (scores or {}).get(row.criterion_id)
        if raw is None or str(raw).strip() == "":
            row.appraised_score = row.self_score
            continue
        try:
            row.appraised_score = _parse_score(raw, row.criterion)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"scores": errors})
    conditions = conditions or grading.Conditions(
        tasks_all_on_time=evaluation.tasks_all_on_time,
        tasks_exceeding=evaluation.tasks_exceeding,
        disciplined=evaluation.disciplined,
        shortcomings_remedied=evaluation.shortcomings_remedied,
    )
    total = sum((row.appraised_score or Decimal(0) for row in rows), Decimal(0))
    allowed = grading.grade_for(total, evaluation.criteria_set, evaluation.subject_kind, conditions)
    grade = proposed_grade or allowed.grade
    if grade not in Grade.values:
        raise ValidationError({"proposed_grade": _("Choose a grade.")})
    if grading.is_better(grade, allowed.grade):
        raise ValidationError(
            {
                "proposed_grade": _(
                    "%(points)s points and the conditions allow at most “%(grade)s”."
                )
                % {"points": _points(total), "grade": Grade(allowed.grade).label}
                + (" " + " ".join(allowed.reasons) if allowed.reasons else "")
            }
        )
    before = audit.snapshot(evaluation, STEP_FIELDS["appraisal"])
    Score.objects.bulk_update(rows, ["appraised_score"])
    evaluation.appraised_total = total
    evaluation.proposed_grade = grade
    evaluation.appraisal_note = note.strip()
    evaluation.appraisal_signer = signer
    evaluation.appraised_on = on
    evaluation.appraised_by = audit.actor_or_none(by)
    return _step_save(
        evaluation,
        conditions=conditions,
        stage=Stage.APPRAISED,
        action="evaluation.appraise",
        step="appraisal",
        before=before,
        by=by,
    )
