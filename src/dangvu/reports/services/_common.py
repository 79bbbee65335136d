"""Limits, refusal messages and state checks shared by the report services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.reports.models import (
    Contribution,
    IssuedReport,
    Period,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 10 * 1024 * 1024
ALLOWED_ATTACHMENTS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# The first bytes each kind of file starts with: the name alone proves nothing.
_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
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
