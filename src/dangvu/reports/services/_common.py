"""Limits, refusal messages and state checks shared by the report services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import uploads
from dangvu.reports.models import (
    Contribution,
    IssuedReport,
    Period,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 10 * 1024 * 1024
# What a contribution may attach; checked by the one upload module (`core.uploads`).
ATTACHMENT_KINDS = frozenset({"pdf", "docx", "doc", "xlsx", "xls", "jpg", "png"})
ALLOWED_ATTACHMENTS = {
    extension: uploads.CONTENT_TYPES[kind]
    for extension, kind in uploads.EXTENSIONS.items()
    if kind in ATTACHMENT_KINDS
}
PERIOD_AUDIT_FIELDS = [
    "title",
    "kind",
    "year",
    "number",
    "cut_off",
    "starts_on",
    "ends_on",
    "due_on",
]


WRITE_REFUSAL = gettext_lazy("You may not change this contribution now.")
OFFICE_REFUSAL = gettext_lazy("Only the committee's office staff may do this.")


def _check_not_frozen(period: Period) -> None:
    if IssuedReport.objects.filter(period_id=period.pk).exists():
        raise ValidationError(_("The report has been issued; the period can no longer change."))


def _status_error(contribution: Contribution) -> ValidationError:
    return ValidationError(
        _("This contribution is “%(status)s”; that cannot be done now.")
        % {"status": contribution.get_status_display()}
    )
