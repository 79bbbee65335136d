"""Report service issuing the report, which freezes the period."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.reports.models import (
    DraftVersion,
    IssuedReport,
    Period,
)

from ._common import _check_not_frozen
from .drafts import _latest_number


@transaction.atomic
def report_issue(
    *,
    period: Period,
    version: DraftVersion,
    issued_on: dt.date,
    signer_authority: str,
    signer_title: str,
    signer_name: str,
    by: Actor,
    recipients: str = "",
    number: int | None = None,
    confidentiality: str = "",
    urgency: str = "",
    empty_headings_confirmed: bool = True,
) -> IssuedReport:
    """Issue the latest version: a number from the committee's register of BC documents for the
    year (allocated safely under concurrent requests, or `number` typed from the paper
    register), a date and a signer. Frozen from then on; the DOCX is kept in the register.
    Headings with nothing under them are left out of the document; the issuing form asks the
    office to confirm them (`empty_headings_confirmed=False` until it does)."""
    from dangvu.documents.numbering import allocate_number, format_number, register_keep_docx
    from dangvu.reports.exports import empty_headings, version_docx

    Period.objects.select_for_update().filter(pk=period.pk).first()
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    if version.period_id != period.pk or version.number != _latest_number(period):
        raise ValidationError(_("Only the latest version of the draft can be issued."))
    if issued_on < period.starts_on:
        # A 9-month report is often issued before the 9 months end (the figures are estimated
        # to the end of the period), but never before the period starts.
        raise ValidationError(
            {"issued_on": _("The report cannot be dated before the period it covers starts.")}
        )
    missing = [
        name
        for name, value in (
            ("signer_authority", signer_authority),
            ("signer_title", signer_title),
            ("signer_name", signer_name),
        )
        if not value.strip()
    ]
    if missing:
        raise ValidationError({name: _("This field is required.") for name in missing})
    if not empty_headings_confirmed and (empty := empty_headings(version)):
        raise ValidationError(
            {
                "empty_headings_confirmed": _(
                    "Nothing is written under %(list)s: confirm that the issued report leaves "
                    "these headings out, or write them first."
                )
                % {"list": "; ".join(empty)}
            }
        )
    document_number = allocate_number(
        issuer=period.committee,
        type_code="BC",
        year=issued_on.year,
        label=period.title[:200],
        by=by,
        number=number,
        issued_on=issued_on,
        confidentiality=confidentiality or "",
        urgency=urgency or "",
    )
    issued = IssuedReport(
        period=period,
        version=version,
        number=document_number.number,
        number_label=format_number(document_number),
        issued_on=issued_on,
        signer_authority=signer_authority.strip(),
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        recipients=recipients.strip(),
        issued_by=audit.actor_or_none(by),
    )
    issued.full_clean()
    issued.save()
    register_keep_docx(entry=document_number, docx=version_docx(version, issued))
    audit.record(actor=by, action="report.issue", obj=issued, after={"number": issued.number_label})
    return issued
