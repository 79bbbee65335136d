"""Inspection services for programmes and their planned items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.inspection.enums import (
    ProgrammeKind,
)
from dangvu.inspection.models import (
    PlannedItem,
    Programme,
)
from dangvu.org.models import Organisation

from ._common import _body, committee_of


@transaction.atomic
def programme_create(
    *,
    issuer: Organisation,
    kind: str,
    title: str,
    year_from: int,
    year_to: int,
    by: Actor,
    reference: str = "",
) -> Programme:
    """A term programme or a yearly plan of the committee or of its commission (`issuer`).
    A yearly plan covers one year."""
    policy.require(
        by,
        "inspection_programme.manage",
        issuer,
        message=_("You may not make the programmes of %(name)s.") % {"name": issuer.name},
    )
    if kind == ProgrammeKind.YEAR and year_to != year_from:
        raise ValidationError({"year_to": _("A yearly plan covers one year.")})
    if year_to < year_from:
        raise ValidationError({"year_to": _("The last year cannot come before the first.")})
    committee = committee_of(issuer)
    programme = Programme(
        committee=committee,
        issuer=issuer,
        body=_body(issuer, committee),
        kind=kind,
        title=title.strip(),
        reference=reference.strip(),
        year_from=year_from,
        year_to=year_to,
        created_by=audit.actor_or_none(by),
    )
    programme.full_clean()
    programme.save()
    audit.record(
        actor=by,
        action="inspection_programme.create",
        obj=programme,
        after=audit.snapshot(programme, ["issuer", "kind", "title", "year_from", "year_to"]),
    )
    return programme


@dataclass
class PlannedItemData:
    """One planned inspection as entered or read from a spreadsheet row."""

    kind: str
    subject_organisation: Organisation
    content: str
    planned_year: int
    planned_month: int | None = None
    subject_member: str = ""
    period_text: str = ""
    lead: str = ""
    carries_out: PlannedItem | None = None


def check_planned_item(programme: Programme, data: PlannedItemData) -> None:
    """The rules of one planned item, without writing (the import's preview uses them)."""
    errors: dict[str, str] = {}
    if not (programme.year_from <= data.planned_year <= programme.year_to):
        errors["planned_year"] = _("The year must be within the programme (%(a)d–%(b)d).") % {
            "a": programme.year_from,
            "b": programme.year_to,
        }
    if data.planned_month is not None and not 1 <= data.planned_month <= 12:
        errors["planned_month"] = _("The month must be between 1 and 12.")
    if not data.content.strip():
        errors["content"] = _("The content is required.")
    if not data.subject_organisation.path.startswith(programme.committee.path):
        errors["subject_organisation"] = _("%(name)s is not under %(committee)s.") % {
            "name": data.subject_organisation.name,
            "committee": programme.committee.name,
        }
    term_item = data.carries_out
    if term_item is not None and not (
        programme.kind == ProgrammeKind.YEAR
        and term_item.programme.kind == ProgrammeKind.TERM
        and term_item.programme.issuer_id == programme.issuer_id
        and term_item.programme.year_from <= data.planned_year <= term_item.programme.year_to
    ):
        errors["carries_out"] = _(
            "Only a yearly plan's item carries out an item of the same body's term programme "
            "covering its year."
        )
    if errors:
        raise ValidationError(errors)


def _add_item(programme: Programme, data: PlannedItemData, position: int) -> PlannedItem:
    check_planned_item(programme, data)
    item = PlannedItem(
        programme=programme,
        position=position,
        kind=data.kind,
        subject_organisation=data.subject_organisation,
        subject_member=data.subject_member.strip(),
        content=data.content.strip(),
        period_text=data.period_text.strip(),
        planned_year=data.planned_year,
        planned_month=data.planned_month,
        lead=data.lead.strip(),
        carries_out=data.carries_out,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def planned_items_add(
    *, programme: Programme, items: Sequence[PlannedItemData], by: Actor
) -> list[PlannedItem]:
    """Add planned inspections to a programme, all or nothing (the form adds one, the Excel
    import many)."""
    policy.require(
        by,
        "inspection_programme.manage",
        programme,
        message=_("You may not change this programme."),
    )
    if not items:
        raise ValidationError(_("There is nothing to add."))
    start = programme.items.count()
    made = [_add_item(programme, data, start + i) for i, data in enumerate(items, start=1)]
    audit.record(
        actor=by,
        action="inspection_programme.items_add",
        obj=programme,
        after={"items": [item.pk for item in made]},
    )
    return made
