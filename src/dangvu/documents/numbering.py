"""Allocating document numbers ("Số 125-BC/QU"): one sequence per issuer and year, no duplicate
and no gap even when two people issue at the same moment."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.documents.models import DocumentNumber, NumberCounter
from dangvu.org.models import Organisation


@transaction.atomic
def allocate_number(
    *, issuer: Organisation, type_code: str, year: int, label: str, by: Any
) -> DocumentNumber:
    """The next number of `issuer` in `year`. The per-(issuer, year) counter row is locked with
    SELECT … FOR UPDATE (PostgreSQL); SQLite serialises writing transactions (IMMEDIATE mode),
    so concurrent callers wait for each other and each gets the next number. Call it inside the
    transaction that uses the number: if that transaction fails, the number is not spent."""
    type_code = type_code.strip()
    if not type_code:
        raise ValidationError({"type_code": _("A document type code is required.")})
    if not issuer.issuer_code:
        raise ValidationError(
            {"issuer": _("%(name)s has no issuer code for document numbers.") % {"name": issuer}}
        )
    counter, _created = NumberCounter.objects.select_for_update().get_or_create(
        issuer=issuer, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = DocumentNumber(
        issuer=issuer,
        year=year,
        type_code=type_code,
        number=counter.last_number,
        label=label.strip()[:300],
        allocated_by=audit.actor_or_none(by),
    )
    number.full_clean()
    number.save()
    audit.record(
        actor=by,
        action="document.number",
        obj=number,
        after=audit.snapshot(number, ["issuer", "year", "type_code", "number", "label"]),
    )
    return number


def format_number(number: DocumentNumber) -> str:
    """ "125-BC/QU": number, hyphen, type code, slash, issuer code."""
    return str(number)
