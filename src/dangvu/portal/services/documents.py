"""Publishing an issued document (a report or a conclusion notice) under the portal's documents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dangvu.core import audit, policy
from dangvu.org.models import Organisation
from dangvu.portal.models import (
    PublishedDocument,
)
from dangvu.portal.services.articles import _lower_first

if TYPE_CHECKING:
    from dangvu.core.policy import Actor

DOCUMENTS_REFUSAL = gettext_noop("Only the committee's office may publish its documents.")

# --- documents ------------------------------------------------------------------------------


def _pdf_document(title: str, file_name: str, data: bytes) -> Any:
    """The PDF of a published document, stored as a Wagtail document (in the caller's
    transaction)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    pdf = Document(title=title[:255])
    pdf.file.save(file_name, ContentFile(data), save=False)
    pdf.save()
    return pdf


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
    policy.require(by, "portal.document_publish", committee, message=_(DOCUMENTS_REFUSAL))
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
    from dangvu.documents.conversion import convert_to_pdf
    from dangvu.documents.numbering import format_number

    conference = conclusion.conference
    policy.require(
        by, "portal.document_publish", conference.committee, message=_(DOCUMENTS_REFUSAL)
    )
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
            title, name = f"Thông báo số {number}", f"thong-bao-{slugify(number)}.pdf"
            pdf = _pdf_document(title, name, pdf_bytes)
        return document_publish(
            committee=conference.committee,
            number=f"Số {number}",
            issued_on=conclusion.issued_on,
            summary=f"Thông báo kết luận {_lower_first(conference.title)}"[:500],
            conclusion=conclusion,
            pdf=pdf,
            by=by,
        )


def report_publish(
    *, issued_report: Any, by: Actor, pdf_bytes: bytes | None = None, convert: bool = True
) -> PublishedDocument:
    """Make an issued report public under "Văn bản": "Số <number>", its date, its trích yếu
    ("Báo cáo <subject>") and, when LibreOffice could make it, the PDF of the report as issued. The
    worker (`portal.background`) converts first and passes `pdf_bytes` with `convert=False`."""
    from dangvu.documents.conversion import convert_to_pdf
    from dangvu.reports import exports

    committee = issued_report.period.committee
    policy.require(by, "portal.document_publish", committee, message=_(DOCUMENTS_REFUSAL))
    if PublishedDocument.objects.filter(issued_report=issued_report).exists():
        raise ValidationError(_("This report is already published."))
    if convert:  # before the transaction: LibreOffice takes seconds
        pdf_bytes = convert_to_pdf(exports.version_docx(issued_report.version, issued_report))
    with transaction.atomic():
        pdf = None
        if pdf_bytes:
            label = issued_report.number_label
            pdf = _pdf_document(f"Báo cáo số {label}", f"bao-cao-{slugify(label)}.pdf", pdf_bytes)
        return document_publish(
            committee=committee,
            number=f"Số {issued_report.number_label}",
            issued_on=issued_report.issued_on,
            # "Báo cáo <subject>", as the notice's "Thông báo kết luận …" says its kind
            summary=f"Báo cáo {_lower_first(exports.summary_of(issued_report.period))}"[:500],
            issued_report=issued_report,
            pdf=pdf,
            by=by,
        )


def source_docx(document: PublishedDocument) -> bytes | None:
    """The DOCX a published document was issued as: the notice, or the report's issued version."""
    if document.conclusion_id is not None:
        notice = document.conclusion.notice_docx if document.conclusion else None
        return bytes(notice) if notice else None
    if document.issued_report_id is not None:
        from dangvu.reports import exports

        issued = document.issued_report
        return exports.version_docx(issued.version, issued) if issued else None
    return None


def document_pdf_attach(
    *, document: PublishedDocument, by: Actor, pdf_bytes: bytes | None = None
) -> bool:
    """Give a published document that has none the PDF of its DOCX as issued (converted by
    LibreOffice before the transaction unless `pdf_bytes` is given). False when there is nothing
    to convert or LibreOffice could not; a document that has its PDF is left as it is."""
    from dangvu.documents.conversion import convert_to_pdf

    policy.require(by, "portal.document_publish", document.committee, message=_(DOCUMENTS_REFUSAL))
    if document.pdf_id is not None:
        return False
    if pdf_bytes is None:
        docx = source_docx(document)
        pdf_bytes = convert_to_pdf(docx) if docx else None
    if not pdf_bytes:
        return False
    with transaction.atomic():
        locked = PublishedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.pdf_id is not None:  # attached meanwhile by another run
            return False
        kind = "thong-bao" if locked.conclusion_id else "bao-cao"
        pdf = _pdf_document(
            f"{locked.number} {locked.summary}", f"{kind}-{slugify(locked.number)}.pdf", pdf_bytes
        )
        locked.pdf = pdf
        locked.save(update_fields=["pdf"])
        audit.record(actor=by, action="portal.document_pdf", obj=locked, after={"pdf": pdf.pk})
    document.pdf = pdf
    return True
