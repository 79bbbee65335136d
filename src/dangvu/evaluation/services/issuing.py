"""Evaluation services issuing a round's decision and filling the period report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number
from dangvu.evaluation.decision import decision_document, decision_docx
from dangvu.evaluation.enums import (
    Stage,
)
from dangvu.evaluation.models import (
    Round,
)
from dangvu.evaluation.selectors import report_figures, rollup
from dangvu.reports import permissions as report_permissions
from dangvu.reports import services as report_services

from ._steps import _check_signer


@transaction.atomic
def round_issue(
    *, round: Round, signer_title: str, signer_name: str, on: dt.date, by: Actor
) -> Round:
    """Issue the round's decision: every subject decided, a number from the committee's register
    ("Số 12-QĐ/QU"), the DOCX (decision and summary table) kept as issued."""
    round_ = Round.objects.select_for_update().select_related("committee").get(pk=round.pk)
    policy.require(
        by, "round.manage", round_, message=_("Only the committee's office issues the decision.")
    )
    if round_.is_issued:
        raise ValidationError(_("The decision has already been issued."))
    waiting = round_.evaluations.exclude(stage=Stage.DECIDED).count()
    if waiting or not round_.evaluations.exists():
        raise ValidationError(
            _("%(n)s subjects are not decided yet: decide every one before issuing.")
            % {"n": waiting}
        )
    if on < round_.ends_on:
        raise ValidationError({"on": _("The decision is issued after the period it covers.")})
    signer_name = _check_signer(signer_name)
    number = allocate_number(
        issuer=round_.committee, type_code="QĐ", year=on.year, label=round_.title, by=by
    )
    figures = rollup(round_)
    document = decision_document(
        round_,
        number=number.number,
        on=on,
        signer_title=signer_title,
        signer_name=signer_name,
        figures=figures,
    )
    round_.decision_number = number
    round_.decision_on = on
    round_.decision_signer = signer_name
    round_.decision_docx = decision_docx(document)
    round_.save(
        update_fields=[
            "decision_number",
            "decision_on",
            "decision_signer",
            "decision_docx",
            "updated_at",
        ]
    )
    audit.record(
        actor=by,
        action="round.issue",
        obj=round_,
        after={"number": str(number), "on": on.isoformat(), "signer": signer_name},
    )
    return round_


@transaction.atomic
def round_fill_report(*, round: Round, period: Any, by: Actor) -> dict[str, int]:
    """Put the round's counts into a period report's indicators of the same names (see
    `selectors.REPORT_INDICATORS`), as the contribution of the advising body (or the committee),
    through the reports app's own service, which asks its own policy: the unit's reporters and
    heads write it. The office may ask for the contribution here when the report has not yet.
    Returns the figures written."""
    policy.require(
        by,
        "round.fill_report",
        round,
        message=_("Only the advising body or the committee's office fills the report."),
    )
    if period.committee_id != round.committee_id:
        raise ValidationError(_("The report belongs to another committee."))
    figures = report_figures(round)
    by_name = {i.name: i.pk for i in period.indicators.all()}
    values = {by_name[name]: value for name, value in figures.items() if name in by_name}
    if not values:
        raise ValidationError(
            _("The report has none of the evaluation indicators; add them to its outline first.")
        )
    unit = round.advising_body or round.committee
    contribution = period.contributions.filter(unit=unit).first()
    if contribution is None:
        if not policy.allowed(by, "period.manage", period):
            raise ValidationError(
                _("The report has not asked %(unit)s for its contribution yet.")
                % {"unit": unit.name}
            )
        (contribution,) = report_services.contributions_request(period=period, units=[unit], by=by)
    if not report_permissions.may_edit(by, contribution):
        raise PermissionDenied(
            _(
                "Only the people of %(unit)s write its contribution to the report, while it is "
                "being written: they fill the figures from this page."
            )
            % {"unit": unit.name}
        )
    report_services.contribution_save(contribution=contribution, entries={}, values=values, by=by)
    audit.record(
        actor=by, action="round.fill_report", obj=round, after={"period": period.pk, **figures}
    )
    return {name: figures[name] for name in figures if name in by_name}
