"""Report services for contributions: requesting, saving and moving them through their states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import audit, locking, policy
from dangvu.core.policy import Actor
from dangvu.core.richtext import sanitise
from dangvu.notifications import events
from dangvu.org.models import Organisation
from dangvu.reports import figure_sources
from dangvu.reports.enums import (
    EDITABLE_STATUSES,
    ContributionStatus,
    IndicatorType,
)
from dangvu.reports.models import (
    Contribution,
    ContributionEntry,
    Indicator,
    IndicatorValue,
    Period,
)
from dangvu.reports.permissions import may_edit

from ._common import WRITE_REFUSAL, _check_not_frozen, _status_error

HEAD_REFUSAL = gettext_lazy(
    "Sent to the unit head: only the head may change it now, or return it to the reporter."
)


@transaction.atomic
def contributions_request(
    *, period: Period, units: Iterable[Organisation], by: Actor
) -> list[Contribution]:
    """Ask these units to contribute (units already asked are left as they are)."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    asked = set(period.contributions.values_list("unit_id", flat=True))
    created = []
    for unit in units:
        if unit.pk in asked or not unit.path.startswith(period.committee.path):
            continue
        contribution = Contribution.objects.create(period=period, unit=unit)
        asked.add(unit.pk)
        created.append(contribution)
        audit.record(actor=by, action="report.contribution_request", obj=contribution)
    return created


def indicator_value(raw: object, indicator: Indicator) -> Decimal | None:
    """The number typed for an indicator, or None when left empty; a ValidationError naming the
    indicator when it is not a number of zero or more (or not whole where it must be)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise ValidationError(
            _("“%(name)s” must be a number of zero or more.") % {"name": indicator.name}
        )
    if indicator.value_type == IndicatorType.INTEGER and value != value.to_integral_value():
        raise ValidationError(_("“%(name)s” must be a whole number.") % {"name": indicator.name})
    return value


@transaction.atomic
def contribution_save(
    *,
    contribution: Contribution,
    entries: Mapping[int, Mapping[str, str]],
    values: Mapping[int, object],
    by: Actor,
    base_token: str | None = None,
) -> Contribution:
    """Save what the unit wrote, per section (results, shortcomings, tasks: sanitised rich text)
    and per indicator. Only while it is being written or after it was returned. `base_token`
    (`core.locking.token` of the contribution the form showed): refused with `EditConflict`
    when someone saved since (optimistic locking, as the draft does)."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    _check_not_frozen(contribution.period)
    if contribution.status == ContributionStatus.READY:
        # sent to the head: he (only) edits it before submitting it or returning it
        policy.require(by, "contribution.review", contribution, message=HEAD_REFUSAL)
    else:
        policy.require(by, "contribution.write", contribution, message=WRITE_REFUSAL)
        if contribution.status not in EDITABLE_STATUSES:
            raise _status_error(contribution)
    sections = {s.pk: s for s in contribution.period.sections.all()}
    indicators = {i.pk: i for i in contribution.period.indicators.all()}
    existing = {e.section_id: e for e in contribution.entries.all()}
    locking.check(
        contribution,
        base_token,
        changed=_contribution_differences(
            contribution, sections, indicators, existing, entries, values
        )
        if base_token and base_token != locking.token(contribution)
        else (),
    )
    for section_id, parts in entries.items():
        if section_id not in sections:
            continue
        clean = {key: sanitise(parts.get(key, "")) for key in ("results", "shortcomings", "tasks")}
        entry = existing.get(section_id)
        if entry is None:
            if any(clean.values()):
                ContributionEntry.objects.create(
                    contribution=contribution, section_id=section_id, **clean
                )
        else:
            for key, value in clean.items():
                setattr(entry, key, value)
            entry.save()
    errors = []
    current = {v.indicator_id: v for v in contribution.values.all()}
    # Figures another app computes from its records win over typing (reports.figure_sources).
    values = {**values, **figure_sources.computed_values(contribution)}
    for indicator_id, raw in values.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        try:
            number = indicator_value(raw, indicator)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if number is None:
            if indicator_id in current:
                current[indicator_id].delete()
        elif indicator_id in current:
            current[indicator_id].value = number
            current[indicator_id].save(update_fields=["value"])
        else:
            IndicatorValue.objects.create(
                contribution=contribution, indicator=indicator, value=number
            )
    if errors:
        raise ValidationError({"values": errors})
    contribution.save(update_fields=["updated_at"])
    audit.record(actor=by, action="report.contribution_save", obj=contribution)
    return contribution


def _contribution_differences(
    contribution: Contribution,
    sections: Mapping[int, Any],
    indicators: Mapping[int, Any],
    existing: Mapping[int, ContributionEntry],
    entries: Mapping[int, Mapping[str, str]],
    values: Mapping[int, object],
) -> list[str]:
    """The sections and indicators whose saved value differs from what was posted."""
    differ = []
    for section_id, parts in entries.items():
        section = sections.get(section_id)
        if section is None:
            continue
        entry = existing.get(section_id)
        for key in ("results", "shortcomings", "tasks"):
            saved = getattr(entry, key) if entry is not None else ""
            if sanitise(parts.get(key, "")) != saved:
                differ.append(section.title)
                break
    saved_values = {v.indicator_id: v.value for v in contribution.values.all()}
    for indicator_id, raw in values.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        try:
            posted = indicator_value(raw, indicator)
        except ValidationError:
            posted = None
        if posted != saved_values.get(indicator_id):
            differ.append(indicator.name)
    return differ


def _transition(
    contribution: Contribution,
    sources: Iterable[str],
    target: str,
    by: Actor,
    *,
    action: str,
    message: Any,
    audit_action: str = "",
    **fields: Any,
) -> Contribution:
    locked = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("unit", "period__committee")
        .get(pk=contribution.pk)
    )
    policy.require(by, action, locked, message=message)
    _check_not_frozen(locked.period)
    if locked.status not in sources:
        raise _status_error(locked)
    before = audit.snapshot(locked, ["status", "version", "late", "return_reason"])
    locked.status = target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit.record(
        actor=by, action=audit_action or f"report.contribution_{target}", obj=locked,
        before=before,
        after=audit.snapshot(locked, ["status", "version", "late", "return_reason"]),
    )  # fmt: skip
    return locked


@transaction.atomic
def contribution_send_to_head(*, contribution: Contribution, by: Actor) -> Contribution:
    """The reporter hands the contribution to the unit head for submission."""
    return _transition(
        contribution,
        EDITABLE_STATUSES,
        ContributionStatus.READY,
        by,
        action="contribution.write",
        message=WRITE_REFUSAL,
    )


@transaction.atomic
def contribution_submit(
    *, contribution: Contribution, by: Actor, at: dt.datetime | None = None
) -> Contribution:
    """The unit head submits to the office. After the due date it is still accepted, flagged
    late. Each submission is a new version of the contribution. `at` records a submission made
    earlier on paper (the demo's 2020 story); it defaults to now."""
    now = at or timezone.now()
    submitted = _transition(
        contribution,
        [*EDITABLE_STATUSES, ContributionStatus.READY],
        ContributionStatus.SUBMITTED,
        by,
        action="contribution.submit",
        message=_("Only the unit head submits to the office."),
        submitted_at=now,
        late=timezone.localdate(now) > contribution.period.due_on,
        version=contribution.version + 1,
        return_reason="",
    )
    events.emit(
        events.Event.REPORT_SUBMITTED,
        target=submitted,
        to=[events.office(submitted.period.committee)],
        by=by,
    )
    return submitted


@transaction.atomic
def contribution_post(
    *,
    contribution: Contribution,
    action: str,
    entries: Mapping[int, Mapping[str, str]],
    values: Mapping[int, object],
    by: Actor,
    base_token: str | None = None,
) -> Contribution:
    """What the contribution page sends, in one transaction that decides first: "save" and
    "send" (to the head) need `contribution.write`; "submit" needs `contribution.submit` (the
    head), and saves what was typed first when the head may still write. A refused request
    writes nothing. `base_token`: see `contribution_save` (optimistic locking)."""
    if action == "submit":
        policy.require(
            by,
            "contribution.submit",
            contribution,
            message=_("Only the unit head submits to the office."),
        )
    else:
        policy.require(by, "contribution.write", contribution, message=WRITE_REFUSAL)
    # "save" and "send" always go through the save (which refuses what may not be changed now);
    # "submit" saves first only what the head may still change.
    if action != "submit" or may_edit(by, contribution):
        contribution = contribution_save(
            contribution=contribution,
            entries=entries,
            values=values,
            by=by,
            base_token=base_token,
        )
    if action == "send":
        return contribution_send_to_head(contribution=contribution, by=by)
    if action == "submit":
        return contribution_submit(contribution=contribution, by=by)
    return contribution


@transaction.atomic
def contribution_accept(
    *, contribution: Contribution, by: Actor, at: dt.datetime | None = None
) -> Contribution:
    return _transition(
        contribution,
        [ContributionStatus.SUBMITTED],
        ContributionStatus.ACCEPTED,
        by,
        action="contribution.accept",
        message=_("Only the committee's office staff may do this."),
        accepted_at=at or timezone.now(),
    )


@transaction.atomic
def contribution_return(*, contribution: Contribution, reason: str, by: Actor) -> Contribution:
    """Send it back to the unit with a reason; the unit edits and submits again."""
    policy.require(
        by,
        "contribution.return",
        contribution,
        message=_("Only the committee's office staff may do this."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contribution is returned.")})
    returned = _transition(
        contribution,
        [ContributionStatus.SUBMITTED, ContributionStatus.ACCEPTED],
        ContributionStatus.RETURNED,
        by,
        action="contribution.return",
        message=_("Only the committee's office staff may do this."),
        return_reason=reason.strip(),
        accepted_at=None,
    )
    events.emit(
        events.Event.REPORT_RETURNED, target=returned, to=[events.units(returned.unit)], by=by
    )
    return returned


@transaction.atomic
def contribution_return_to_reporter(
    *, contribution: Contribution, reason: str, by: Actor
) -> Contribution:
    """The unit head sends a contribution the reporter handed him back to be written again, with
    a reason the reporter reads on the contribution's page. Only the head of that unit, and only
    while it waits for him ("ready")."""
    message = _("Only the unit head returns a contribution to the reporter.")
    policy.require(by, "contribution.review", contribution, message=message)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contribution goes back to the reporter.")})
    returned = _transition(
        contribution,
        [ContributionStatus.READY],
        ContributionStatus.DRAFT,
        by,
        action="contribution.review",
        message=message,
        audit_action="report.contribution_return_to_reporter",
        return_reason=reason.strip(),
    )
    events.emit(
        events.Event.REPORT_RETURNED, target=returned, to=[events.units(returned.unit)], by=by
    )
    return returned
