"""Document types, day checks, files, locking and state moves shared by the inspection services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from dangvu.assignments.evidence import check_file
from dangvu.core import audit
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.inspection.enums import (
    Body,
    InspectionState,
)
from dangvu.inspection.models import (
    Attachment,
    Inspection,
)
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

DECISION_TYPE = "QĐ"  # quyết định
CONCLUSION_TYPE = "TB"  # thông báo kết luận

UploadedFile = tuple[str, bytes]


def committee_of(organisation: Organisation) -> Organisation:
    """The Party committee an organisation belongs to: itself when it is a Party organisation,
    else the nearest Party organisation above it (the commission's committee)."""
    if organisation.kind == OrgKind.PARTY or organisation.parent_id is None:
        return organisation
    ancestors = {o.pk: o for o in Organisation.objects.filter(pk__in=organisation.ancestor_ids())}
    for pk in reversed(organisation.ancestor_ids()):
        if ancestors[pk].kind == OrgKind.PARTY:
            return ancestors[pk]
    return organisation


def _body(issuer: Organisation, committee: Organisation) -> str:
    return Body.COMMITTEE if issuer.pk == committee.pk else Body.COMMISSION


def _check_day(day: dt.date, *, field: str, not_before: dt.date | None, label: str) -> None:
    """`day` may not be in the future nor before the step it follows."""
    if day > today():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("This date cannot be before %(what)s (%(day)s).")
                % {"what": label, "day": short_date(not_before)}
            }
        )


def _check_exists(organisations: Iterable[tuple[str, Organisation]], day: dt.date) -> None:
    named = list(organisations)
    existing = set(
        organisations_on(day).filter(pk__in=[o.pk for _f, o in named]).values_list("pk", flat=True)
    )
    errors: dict[str, list[str]] = {}
    for field, organisation in named:
        if organisation.pk not in existing:
            errors.setdefault(field, []).append(
                _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(day)}
            )
    if errors:
        raise ValidationError(errors)


def check_files(files: Sequence[UploadedFile]) -> list[tuple[str, bytes, str]]:
    """Every file checked (type by content, size) before anything is written."""
    return [(name, data, check_file(name, data)) for name, data in files]


def _attach(
    inspection: Inspection, step: str, checked: list[tuple[str, bytes, str]], by: Actor
) -> list[Attachment]:
    out = []
    for name, data, kind in checked:
        attachment = Attachment(
            inspection=inspection,
            step=step,
            name=name[:255],
            kind=kind,
            size=len(data),
            uploaded_by=audit.actor_or_none(by),
        )
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.full_clean()
        attachment.save()
        audit.record(
            actor=by,
            action="inspection.attach",
            obj=inspection,
            after={"step": step, "file": attachment.name, "size": attachment.size},
        )
        out.append(attachment)
    return out


STEP_LABELS = {
    InspectionState.SUBJECT_REPORTED: ("the decision", "decided_on"),
    InspectionState.TEAM_REPORTED: ("the subject's report", "subject_reported_on"),
    InspectionState.CONCLUDED: ("the team's report", "team_reported_on"),
}


def _locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update()
        .select_related("issuer", "committee")
        .get(pk=inspection.pk)
    )


def _require_state(inspection: Inspection, source: str, message: str) -> None:
    if inspection.state != source:
        raise ValidationError(message % {"state": inspection.get_state_display()})


def _transition(
    inspection: Inspection, *, target: str, on: dt.date, date_field: str, by: Actor, **fields: Any
) -> Inspection:
    before = audit.snapshot(inspection, ["state", date_field])
    inspection.state = target
    setattr(inspection, date_field, on)
    for name, value in fields.items():
        setattr(inspection, name, value.strip() if isinstance(value, str) else value)
    inspection.full_clean()
    inspection.save()
    audit.record(
        actor=by,
        action=f"inspection.{target}",
        obj=inspection,
        before=before,
        after=audit.snapshot(inspection, ["state", date_field]),
    )
    return inspection
