"""Report services for a contribution's attachments and its Word (.docx) imports."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy, uploads
from dangvu.core.policy import Actor
from dangvu.core.richtext import sanitise
from dangvu.reports.docx_import import split_docx
from dangvu.reports.enums import (
    EDITABLE_STATUSES,
    ImportStatus,
    SectionRole,
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
    # only the topics the units write on: the shortcomings and tasks collectors are gathered
    # from the topics' own sub-headings
    titles = {
        s.pk: s.title for s in contribution.period.sections.all() if s.role == SectionRole.TOPIC
    }
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


def import_changes(imported: ContributionImport) -> dict[int, dict[str, str]]:
    """What applying the import writes, per section and part (as stored HTML): only the parts
    the document has text for; every other part keeps what the unit wrote."""
    return {
        int(section_id): {
            key: sanitise(_as_html(paragraphs)) for key, paragraphs in parts.items() if paragraphs
        }
        for section_id, parts in imported.sections.items()
        if any(parts.values())
    }


@transaction.atomic
def contribution_import_apply(
    *, imported: ContributionImport, by: Actor, sections: Iterable[int] | None = None
) -> Contribution:
    """After review, merge by section: for each section chosen (`sections`; all of the
    document's by default) the parts the document has text for replace what was written; parts
    and sections the document leaves empty, or that were not chosen, stay as they are."""
    policy.require(by, "contribution.write", imported.contribution, message=WRITE_REFUSAL)
    if imported.status != ImportStatus.PENDING:
        raise ValidationError(_("This import has already been reviewed."))
    changes = import_changes(imported)
    chosen = set(changes) if sections is None else set(sections) & set(changes)
    if not chosen:
        raise ValidationError({"sections": _("Choose at least one section to take over.")})
    existing = {e.section_id: e for e in imported.contribution.entries.all()}
    entries = {}
    for section_id in chosen:
        entry = existing.get(section_id)
        saved = {
            k: getattr(entry, k) if entry else "" for k in ("results", "shortcomings", "tasks")
        }
        entries[section_id] = {**saved, **changes[section_id]}
    contribution = contribution_save(
        contribution=imported.contribution, entries=entries, values={}, by=by
    )
    imported.status = ImportStatus.APPLIED
    imported.save(update_fields=["status"])
    audit.record(
        actor=by, action="report.contribution_import_apply", obj=imported,
        after={"sections": sorted(chosen)},
    )  # fmt: skip
    return contribution


@transaction.atomic
def contribution_import_discard(*, imported: ContributionImport, by: Actor) -> None:
    policy.require(by, "contribution.write", imported.contribution, message=WRITE_REFUSAL)
    if imported.status != ImportStatus.PENDING:
        raise ValidationError(_("This import has already been reviewed."))
    imported.status = ImportStatus.DISCARDED
    imported.save(update_fields=["status"])
    audit.record(actor=by, action="report.contribution_import_discard", obj=imported)
