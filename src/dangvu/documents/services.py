"""Writes to the register other than numbering: recording a document by hand, attaching the
signed, stamped scan as the issued copy."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.assignments.evidence import max_bytes
from dangvu.core import audit, policy, uploads
from dangvu.core.policy import Actor
from dangvu.documents import permissions  # noqa: F401 - declares register.keep and register.read
from dangvu.documents.models import DocumentNumber
from dangvu.documents.numbering import allocate_number
from dangvu.org.models import Organisation

# A scan is a PDF or a picture of the signed pages.
SCAN_KINDS = frozenset({"pdf", "jpg", "png"})


@transaction.atomic
def register_record(
    *,
    issuer: Organisation,
    type_code: str,
    issued_on: dt.date,
    label: str,
    by: Actor,
    number: int | None = None,
    confidentiality: str = "",
    urgency: str = "",
    source: str = "",
) -> DocumentNumber:
    """A document the office issues outside Dangvu's workflows (a plan, a giấy mời, a decision):
    the next number of its type, or the number typed from the paper register."""
    policy.require(
        by,
        "register.keep",
        issuer,
        message=_("Only the office of %(name)s keeps its register.") % {"name": issuer},
    )
    if not label.strip():
        raise ValidationError({"label": _("Write the summary (trích yếu) of the document.")})
    return allocate_number(
        issuer=issuer,
        type_code=type_code,
        year=issued_on.year,
        label=label,
        by=by,
        number=number,
        issued_on=issued_on,
        confidentiality=confidentiality,
        urgency=urgency,
        source=source,
    )


def check_scan(name: str, data: bytes) -> str:
    """The scan's type when it is a real PDF, JPG or PNG within the size limit."""
    return uploads.check_stored(
        name,
        data,
        SCAN_KINDS,
        field="scan",
        limit=max_bytes(),
        refused=_("The signed copy must be a PDF, JPG or PNG scan."),
    )


@transaction.atomic
def register_attach_scan(
    *, entry: DocumentNumber, name: str, data: bytes, by: Actor
) -> DocumentNumber:
    """Attach the signed, stamped scan as the issued copy; a new scan replaces the old one (the
    audit log keeps who attached which)."""
    entry = DocumentNumber.objects.select_for_update().select_related("issuer").get(pk=entry.pk)
    policy.require(
        by,
        "register.keep",
        entry.issuer,
        message=_("Only the office of %(name)s keeps its register.") % {"name": entry.issuer},
    )
    kind = check_scan(name, data)
    before = {"scan": entry.signed_scan_name}
    old = entry.signed_scan.name if entry.signed_scan else ""
    stored_name = f"{entry.year}-{entry.type_code}-{entry.number}.{kind}"
    entry.signed_scan.save(stored_name, ContentFile(data), save=False)
    entry.signed_scan_name = PurePath(name).name[:255]
    entry.signed_scan_at = timezone.now()
    entry.save(update_fields=["signed_scan", "signed_scan_name", "signed_scan_at"])
    if old and old != entry.signed_scan.name:
        transaction.on_commit(lambda: entry.signed_scan.storage.delete(old))
    audit.record(
        actor=by,
        action="document.scan",
        obj=entry,
        before=before,
        after={"scan": entry.signed_scan_name},
    )
    return entry
