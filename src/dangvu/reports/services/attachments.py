"""Report services for a contribution's attachments and its Word (.docx) imports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy, uploads
from dangvu.core.policy import Actor
from dangvu.reports.docx_import import split_docx
from dangvu.reports.enums import (
    EDITABLE_STATUSES,
    ImportStatus,
)
from dangvu.reports.models import (
    Attachment,
    Contribution,
    ContributionImport,
)

from ._common import (
    ATTACHMENT_KINDS,
    MAX_ATTACHMENT_BYTES,
    MAX_DOCX_BYTES,
    WRITE_REFUSAL,
    _check_not_frozen,
    _status_error,
)
from .contributions import contribution_save


@transaction.atomic
def attachment_add(*, contribution: Contribution, name: str, data: bytes, by: Actor) -> Attachment:
    """Attach a file: PDF, Word, Excel or an image, at most 10 MB, whose content matches its
    name."""
    policy.require(by, "contribution.write", contribution, message=WRITE_REFUSAL)
    _check_not_frozen(contribution.period)
    if contribution.status not in EDITABLE_STATUSES:
        raise _status_error(contribution)
    kind = uploads.check_stored(
        name,
        data,
        ATTACHMENT_KINDS,
        field="file",
        limit=MAX_ATTACHMENT_BYTES,
        refused=_("Only PDF, Word, Excel, JPEG and PNG files may be attached."),
    )
    attachment = Attachment.objects.create(
        contribution=contribution,
        name=name[-255:],
        content_type=uploads.CONTENT_TYPES[kind],
        size=len(data),
        data=data,
        uploaded_by=audit.actor_or_none(by),
    )
    audit.record(actor=by, action="report.attachment_add", obj=attachment)
    return attachment


@transaction.atomic
def contribution_import_docx(
    *, contribution: Contribution, name: str, data: bytes, by: Actor
) -> ContributionImport:
    """Split an uploaded DOCX into the outline's sections and hold it for review; nothing the
    unit wrote changes until the import is applied."""
    policy.require(by, "contribution.write", contribution, message=WRITE_REFUSAL)
    _check_not_frozen(contribution.period)
    if contribution.status not in EDITABLE_STATUSES:
        raise _status_error(contribution)
    if not name.lower().endswith(".docx"):
        raise ValidationError({"file": _("Upload a Word document (.docx).")})
    if len(data) > MAX_DOCX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    titles = {s.pk: s.title for s in contribution.period.sections.all()}
    try:
        split = split_docx(data, titles)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    imported = ContributionImport.objects.create(
        contribution=contribution,
        file_name=name[-255:],
        sections={str(k): v for k, v in split.sections.items()},
        unmatched=split.unmatched,
        uploaded_by=audit.actor_or_none(by),
    )
    audit.record(actor=by, action="report.contribution_import", obj=imported)
    return imported


def _as_html(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


@transaction.atomic
def contribution_import_apply(*, imported: ContributionImport, by: Actor) -> Contribution:
    """After review: the imported sections replace what the unit had written for them."""
    policy.require(by, "contribution.write", imported.contribution, message=WRITE_REFUSAL)
    if imported.status != ImportStatus.PENDING:
        raise ValidationError(_("This import has already been reviewed."))
    entries = {
        int(section_id): {key: _as_html(parts.get(key, [])) for key in parts}
        for section_id, parts in imported.sections.items()
    }
    contribution = contribution_save(
        contribution=imported.contribution, entries=entries, values={}, by=by
    )
    imported.status = ImportStatus.APPLIED
    imported.save(update_fields=["status"])
    audit.record(actor=by, action="report.contribution_import_apply", obj=imported)
    return contribution


@transaction.atomic
def contribution_import_discard(*, imported: ContributionImport, by: Actor) -> None:
    policy.require(by, "contribution.write", imported.contribution, message=WRITE_REFUSAL)
    if imported.status != ImportStatus.PENDING:
        raise ValidationError(_("This import has already been reviewed."))
    imported.status = ImportStatus.DISCARDED
    imported.save(update_fields=["status"])
    audit.record(actor=by, action="report.contribution_import_discard", obj=imported)
