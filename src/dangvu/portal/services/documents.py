"""Publishing an issued document (a report or a conclusion notice) under the portal's documents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.org.models import Organisation
from dangvu.portal import permissions
from dangvu.portal.models import (
    PublishedDocument,
)
from dangvu.portal.services.articles import _lower_first

if TYPE_CHECKING:
    from dangvu.core.policy import Actor

# --- documents ------------------------------------------------------------------------------


@transaction.atomic
def document_publish(
    *,
    committee: Organisation,
    number: str,
    issued_on: dt.date,
    summary: str,
    conclusion: Any = None,
    issued_report: Any = None,
    pdf: Any = None,
    by: Actor,
) -> PublishedDocument:
    """Show an issued notice or report under "Văn bản"."""
    if not permissions.can_manage_portal(by, committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    document = PublishedDocument(
        committee=committee,
        number=number,
        issued_on=issued_on,
        summary=summary,
        conclusion=conclusion,
        issued_report=issued_report,
        pdf=pdf,
    )
    document.full_clean()
    document.save()
    audit.record(actor=by, action="portal.document_publish", obj=document, after={"n": number})
    return document


def notice_publish(
    *, conclusion: Any, by: Actor, pdf_bytes: bytes | None = None, convert: bool = True
) -> PublishedDocument:
    """Make an issued conclusion notice public under "Văn bản": its number, date, trích yếu and,
    when LibreOffice is installed, the PDF of the DOCX as issued (a Wagtail document). The worker
    (`portal.background`) converts first and passes `pdf_bytes` with `convert=False`."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from dangvu.documents.conversion import convert_to_pdf
    from dangvu.documents.numbering import format_number

    conference = conclusion.conference
    if not permissions.can_manage_portal(by, conference.committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    if conclusion.number is None or not conclusion.notice_docx:
        raise ValidationError(_("Only an issued notice can be published."))
    if PublishedDocument.objects.filter(conclusion=conclusion).exists():
        raise ValidationError(_("This notice is already published."))
    number = format_number(conclusion.number)
    # Converted before the transaction: LibreOffice takes seconds, the write lock must not wait.
    if convert:
        pdf_bytes = convert_to_pdf(bytes(conclusion.notice_docx))
    with transaction.atomic():
        pdf = None
        if pdf_bytes:
            pdf = Document(title=f"Thông báo số {number}")
            pdf.file.save(f"thong-bao-{slugify(number)}.pdf", ContentFile(pdf_bytes), save=False)
            pdf.save()
        return document_publish(
            committee=conference.committee,
            number=f"Số {number}",
            issued_on=conclusion.issued_on,
            summary=f"Thông báo kết luận {_lower_first(conference.title)}"[:500],
            conclusion=conclusion,
            pdf=pdf,
            by=by,
        )
