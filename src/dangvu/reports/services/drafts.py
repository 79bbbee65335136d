"""Report services for the consolidated draft and its versions."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.reports import consolidation
from dangvu.reports.enums import (
    ContributionStatus,
)
from dangvu.reports.models import (
    DraftVersion,
    Period,
)

from ._common import _check_not_frozen


def _latest_number(period: Period) -> int:
    latest = period.versions.order_by("-number").values_list("number", flat=True).first()
    return latest or 0


def _check_base(period: Period, base_version: int | None) -> int:
    latest = _latest_number(period)
    if (base_version or 0) != latest:
        raise ValidationError(
            _(
                "Someone else saved version %(latest)d of the draft while you were editing "
                "version %(base)d. Your changes were not saved: open the latest version and make "
                "them again."
            )
            % {"latest": latest, "base": base_version or 0}
        )
    return latest


def _snapshot_indicators(period: Period) -> list[dict[str, Any]]:
    from dangvu.reports.selectors import indicator_table

    table = indicator_table(period)
    previous = table.previous or {}
    return [
        {
            "name": indicator.name,
            "unit": indicator.unit,
            "total": str(table.totals.get(indicator.pk, Decimal(0))),
            "previous": str(previous[indicator.pk]) if indicator.pk in previous else None,
        }
        for indicator in table.indicators
    ]


def _new_version(
    period: Period, number: int, body: list, merged: dict, note: str, by: Actor
) -> DraftVersion:
    try:
        with transaction.atomic():
            version = DraftVersion.objects.create(
                period=period,
                number=number,
                body=body,
                merged=merged,
                indicators=_snapshot_indicators(period),
                note=note[:300],
                created_by=audit.actor_or_none(by),
            )
    except IntegrityError:
        raise ValidationError(
            _("Someone else saved a new version of the draft at the same moment; reload it.")
        ) from None
    audit.record(actor=by, action="report.draft_version", obj=version, after={"number": number})
    return version


@transaction.atomic
def draft_consolidate(
    *, period: Period, by: Actor, base_version: int | None = None, note: str = ""
) -> DraftVersion:
    """Build the draft from the accepted contributions: the first version from scratch; later,
    a new version that keeps the office's edits and adds the contributions accepted since (or
    accepted again at a newer version). `base_version` is the version the office was looking at;
    if someone saved since, nothing is written."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    Period.objects.select_for_update().filter(pk=period.pk).first()
    latest_number = _check_base(period, base_version)
    sections = list(period.sections.all())
    accepted = list(
        period.contributions.filter(status=ContributionStatus.ACCEPTED)
        .select_related("unit")
        .prefetch_related("entries")
        .order_by("unit__sort_order", "unit__name")
    )
    if latest_number:
        latest = period.versions.get(number=latest_number)
        body, merged = latest.body, latest.merged
    else:
        body, merged = consolidation.empty_body(sections), {}
    body, merged, brought = consolidation.merge(body, accepted, sections, merged)
    if latest_number and not brought:
        raise ValidationError(_("No contribution has been accepted since the last version."))
    if not note:
        names = ", ".join(c.unit.display_name for c in brought)
        note = (
            _("Consolidated from %(count)d contributions.") % {"count": len(brought)}
            if not latest_number
            else _("Merged: %(names)s.") % {"names": names}
        )
    return _new_version(period, latest_number + 1, body, merged, note, by)


@transaction.atomic
def draft_save(
    *, period: Period, base_version: int, texts: Mapping[int, str], by: Actor, note: str = ""
) -> DraftVersion:
    """Save the office's edits as a new version. `texts` maps a section id to its text (one
    paragraph per line); sections not named keep their paragraphs. Refused when someone saved
    another version since `base_version` (optimistic locking)."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    Period.objects.select_for_update().filter(pk=period.pk).first()
    latest_number = _check_base(period, base_version)
    if not latest_number:
        raise ValidationError(_("Consolidate the contributions into a first version first."))
    latest = period.versions.get(number=latest_number)
    body = []
    for section in latest.body:
        text = texts.get(section["section"])
        if text is None:
            body.append(section)
        else:
            paras = consolidation.apply_edit(section["paragraphs"], consolidation.split_text(text))
            body.append(dict(section, paragraphs=paras))
    if body == latest.body:
        raise ValidationError(_("Nothing was changed."))
    return _new_version(period, latest_number + 1, body, latest.merged, note, by)
