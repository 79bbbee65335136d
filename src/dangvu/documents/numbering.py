"""The register of outgoing documents: allocating numbers ("Số 125-BC/QU"), one sequence per
issuer, year and type of document, with no duplicate and no gap even when two people issue at
the same moment; or recording the number the văn thư took from the paper register."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.policy import Actor
from dangvu.documents.enums import Confidentiality, Urgency
from dangvu.documents.models import DocumentNumber, NumberCounter
from dangvu.org.models import Organisation


@transaction.atomic
def allocate_number(
    *,
    issuer: Organisation,
    type_code: str,
    year: int,
    label: str,
    by: Actor,
    number: int | None = None,
    issued_on: dt.date | None = None,
    confidentiality: str = "",
    urgency: str = "",
    source: str = "",
) -> DocumentNumber:
    """The next number of `issuer` in `year` for `type_code`, or `number` when the văn thư typed
    it from the paper register (refused when that number is already in the register).

    The per-(issuer, year, type) counter row is locked with SELECT … FOR UPDATE (PostgreSQL);
    SQLite serialises writing transactions (IMMEDIATE mode), so concurrent callers wait for each
    other and each gets the next number. A typed number moves the counter past it, so the next
    number given continues the paper register. Call it inside the transaction that uses the
    number: if that transaction fails, the number is not spent."""
    type_code = type_code.strip()
    if not type_code:
        raise ValidationError({"type_code": _("A document type code is required.")})
    if not issuer.issuer_code:
        raise ValidationError(
            {"issuer": _("%(name)s has no issuer code for document numbers.") % {"name": issuer}}
        )
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Unknown confidentiality mark.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Unknown urgency mark.")})
    counter, _created = NumberCounter.objects.select_for_update().get_or_create(
        issuer=issuer, year=year, type_code=type_code
    )
    if number is None:
        counter.last_number += 1
        given = counter.last_number
    else:
        if number < 1:
            raise ValidationError({"number": _("A document number is a whole number from 1.")})
        taken = DocumentNumber.objects.filter(
            issuer=issuer, year=year, type_code=type_code, number=number
        ).first()
        if taken is not None:
            raise ValidationError(
                {
                    "number": _(
                        "Number %(number)s of %(year)s is already in the register: “%(label)s”. "
                        "Take the next free number from the paper register."
                    )
                    % {"number": taken, "year": year, "label": taken.label}
                }
            )
        given = number
        counter.last_number = max(counter.last_number, number)
    counter.save(update_fields=["last_number"])
    entry = DocumentNumber(
        issuer=issuer,
        year=year,
        type_code=type_code,
        number=given,
        label=label.strip()[:300],
        issued_on=issued_on,
        typed=number is not None,
        confidentiality=confidentiality,
        urgency=urgency,
        source=source,
        allocated_by=audit.actor_or_none(by),
    )
    entry.full_clean(exclude=["docx", "signed_scan"])
    entry.save()
    audit.record(
        actor=by,
        action="document.number",
        obj=entry,
        after=audit.snapshot(
            entry, ["issuer", "year", "type_code", "number", "label", "typed", "issued_on"]
        ),
    )
    return entry


@transaction.atomic
def register_keep_docx(*, entry: DocumentNumber, docx: bytes) -> DocumentNumber:
    """Keep the document as issued beside its number, for the register's download."""
    DocumentNumber.objects.filter(pk=entry.pk).update(docx=docx)
    entry.docx = docx
    return entry


def register_entry(
    issuer: Organisation, type_code: str, year: int, number: int
) -> DocumentNumber | None:
    """The register's entry of a number given before, without its stored files."""
    return (
        DocumentNumber.objects.filter(issuer=issuer, type_code=type_code, year=year, number=number)
        .defer("docx")
        .first()
    )


def format_number(number: DocumentNumber) -> str:
    """ "125-BC/QU": number, hyphen, type code, slash, issuer code."""
    return str(number)
