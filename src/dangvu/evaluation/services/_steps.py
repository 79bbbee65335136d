"""Score parsing, day, signer and round checks and locking shared by the three steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.core.dates import short_date
from dangvu.evaluation.models import (
    Criterion,
    Evaluation,
)


@dataclass(frozen=True)
class ScoreInput:
    score: object
    note: str = ""
    evidence: str = ""


def _parse_score(raw: object, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(
            _("Criterion %(number)s: “%(value)s” is not a number.")
            % {"number": criterion.number, "value": raw}
        )
    if value < 0:
        raise ValidationError(
            _("Criterion %(number)s: a score cannot be negative.") % {"number": criterion.number}
        )
    if value > criterion.max_score:
        raise ValidationError(
            _("Criterion %(number)s: %(score)s points is above its maximum of %(max)s.")
            % {
                "number": criterion.number,
                "score": _points(value),
                "max": _points(criterion.max_score),
            }
        )
    return value.quantize(Decimal("0.01"))


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _check_day(evaluation: Evaluation, on: dt.date, after: dt.date | None, step: str) -> None:
    if on < evaluation.round.starts_on:
        raise ValidationError(
            {"on": _("The %(step)s cannot be dated before the round's period.") % {"step": step}}
        )
    if after is not None and on < after:
        raise ValidationError(
            {
                "on": _("The %(step)s cannot be dated before the previous step (%(day)s).")
                % {"step": step, "day": short_date(after)}
            }
        )


def _check_signer(signer: str) -> str:
    signer = signer.strip()
    if not signer:
        raise ValidationError({"signer": _("Name the person who signs this step.")})
    return signer


def _locked(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related(
            "round",
            "round__committee",
            "round__advising_body",
            "organisation",
            "member",
            "grassroots",
            "criteria_set",
            "decided_level",
        )
        .get(pk=evaluation.pk)
    )


def _check_round_open(evaluation: Evaluation) -> None:
    if evaluation.round.is_issued:
        raise ValidationError(
            _("The round's decision has been issued: its evaluations can no longer change.")
        )
