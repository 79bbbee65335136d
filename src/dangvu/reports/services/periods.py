"""Report services for periods, their outlines and outline templates."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, locking, policy
from dangvu.core.policy import Actor
from dangvu.org.models import Organisation
from dangvu.reports.enums import (
    CutOff,
    PeriodKind,
)
from dangvu.reports.models import (
    ContributionEntry,
    Indicator,
    IndicatorValue,
    OutlineTemplate,
    Period,
    Section,
)
from dangvu.reports.outline import (
    DEFAULT_INDICATORS,
    DEFAULT_OUTLINE,
    outline_text,
    parse_indicators,
    parse_outline,
)
from dangvu.reports.periods import covered_dates, has_computed_dates, period_title

from ._common import PERIOD_AUDIT_FIELDS, _check_not_frozen


def _write_outline(period: Period, sections_text: str, indicators_text: str) -> None:
    nodes = parse_outline(sections_text)
    specs = parse_indicators(indicators_text)
    period.sections.all().delete()
    period.indicators.all().delete()
    parents: list[Section] = []
    for position, node in enumerate(nodes, start=1):
        del parents[node.depth :]
        section = Section.objects.create(
            period=period,
            parent=parents[-1] if parents else None,
            position=position,
            depth=node.depth,
            number=node.number,
            title=node.title,
            role=node.role,
        )
        parents.append(section)
    Indicator.objects.bulk_create(
        Indicator(
            period=period,
            position=position,
            name=spec.name,
            unit=spec.unit,
            value_type=spec.value_type,
        )
        for position, spec in enumerate(specs, start=1)
    )


@transaction.atomic
def period_create(
    *,
    committee: Organisation,
    kind: str,
    year: int,
    due_on: dt.date,
    by: Actor,
    number: int | None = None,
    cut_off: str = CutOff.CALENDAR,
    title: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    sections_text: str = DEFAULT_OUTLINE,
    indicators_text: str = DEFAULT_INDICATORS,
) -> Period:
    """Open a period. Month, quarter, 6 months, 9 months and year periods compute their dates
    from the cut-off convention; a term or an ad hoc period needs its dates."""
    policy.require(
        by, "period.create", committee, message=_("Only the committee's office staff may do this.")
    )
    if has_computed_dates(kind):
        try:
            starts_on, ends_on = covered_dates(kind=kind, year=year, number=number, cut_off=cut_off)
        except ValueError:
            raise ValidationError(
                {"number": _("Give the month (1–12), quarter (1–4) or half (1–2).")}
            ) from None
    elif starts_on is None or ends_on is None:
        raise ValidationError({"starts_on": _("Give the first and last day the period covers.")})
    if not title:
        title = f"Báo cáo {period_title(kind=kind, year=year, number=number)}"
    period = Period(
        committee=committee,
        title=title.strip(),
        kind=kind,
        year=year,
        number=number if kind not in (PeriodKind.NINE_MONTHS, PeriodKind.YEAR) else None,
        cut_off=cut_off,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        created_by=audit.actor_or_none(by),
    )
    period.full_clean()
    period.save()
    _write_outline(period, sections_text, indicators_text)
    audit.record(
        actor=by, action="report.period_create", obj=period,
        after=audit.snapshot(period, PERIOD_AUDIT_FIELDS),
    )  # fmt: skip
    return period


def outline_texts(period: Period) -> tuple[str, str]:
    """The period's outline and indicators as the outline form shows them."""
    sections = [(s.depth, s.role, s.title) for s in period.sections.all()]
    indicators = "\n".join(
        f"{i.name} | {i.unit}" + (" | decimal" if i.value_type == "decimal" else "")
        for i in period.indicators.all()
    )
    return outline_text(sections), indicators


def outline_token(period: Period) -> str:
    """The version of the outline a form shows (optimistic locking, `core.locking`): a digest of
    its sections and indicators, as saving the outline rewrites those rows, not the period."""
    sections, indicators = outline_texts(period)
    digest = hashlib.sha256(f"{sections}\x00{indicators}".encode())
    return digest.hexdigest()[:32]


def _outline_conflict(period: Period, sections_text: str, indicators_text: str) -> None:
    """Refuse with what differs between the saved outline and what was typed, and who saved."""
    sections, indicators = outline_texts(period)
    typed = {line.strip() for line in sections_text.splitlines()}
    changed = [line.strip() for line in sections.splitlines() if line.strip() not in typed]
    if len(changed) > 5:
        changed = [*changed[:5], "…"]
    if indicators.strip() != indicators_text.strip():
        changed.append(_("the indicators"))
    last = (
        audit.entries_for(period)
        .filter(action="report.outline_update")
        .order_by("-at", "-id")
        .first()
    )
    who = locking.saved_by(last.actor, last.at) if last else ""
    raise locking.conflict(who, changed or [_("the outline")])


@transaction.atomic
def outline_update(
    *,
    period: Period,
    sections_text: str,
    indicators_text: str,
    by: Actor,
    base_token: str | None = None,
) -> Period:
    """Replace the outline and indicators, while no unit has written anything yet (what was
    written belongs to the sections it was written for). `base_token` (`outline_token` of the
    outline the form showed): refused with `EditConflict` when someone saved it since."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    # the period row is locked, so two saves of one outline follow each other
    period = Period.objects.select_for_update().get(pk=period.pk)
    _check_not_frozen(period)
    if base_token and base_token != outline_token(period):
        _outline_conflict(period, sections_text, indicators_text)
    written = ContributionEntry.objects.filter(contribution__period=period).exists()
    if written or IndicatorValue.objects.filter(contribution__period=period).exists():
        raise ValidationError(
            _("Units have already written their contributions; the outline can no longer change.")
        )
    _write_outline(period, sections_text, indicators_text)
    audit.record(actor=by, action="report.outline_update", obj=period)
    return period


@transaction.atomic
def template_save(
    *, committee: Organisation, name: str, sections_text: str, indicators_text: str, by: Actor
) -> OutlineTemplate:
    """Save an outline under a name for later periods (the same name replaces it)."""
    policy.require(
        by, "period.create", committee, message=_("Only the committee's office staff may do this.")
    )
    parse_outline(sections_text)
    parse_indicators(indicators_text)
    template, _created = OutlineTemplate.objects.update_or_create(
        committee=committee,
        name=name.strip(),
        defaults={"sections_text": sections_text, "indicators_text": indicators_text},
    )
    template.full_clean()
    audit.record(actor=by, action="report.template_save", obj=template)
    return template
