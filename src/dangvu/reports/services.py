"""Writes to period reports. Each service checks the state it starts from, writes atomically and
leaves an audit entry; pages, the API, the demo and the bench go through here.

Once the report is issued (`IssuedReport` exists) the period is frozen: every service that would
change its outline, contributions, draft or comments refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import audit, locking, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.org.models import Membership, Organisation
from dangvu.org.roles import UNIT_ROLES
from dangvu.reports import consolidation, figure_sources, selectors
from dangvu.reports.docx_import import split_docx
from dangvu.reports.enums import (
    EDITABLE_STATUSES,
    CommentStatus,
    ContributionStatus,
    CutOff,
    ImportStatus,
    IndicatorType,
    PeriodKind,
)
from dangvu.reports.models import (
    Attachment,
    Comment,
    Contribution,
    ContributionEntry,
    ContributionImport,
    DraftVersion,
    Indicator,
    IndicatorValue,
    IssuedReport,
    OutlineTemplate,
    Period,
    Section,
)
from dangvu.reports.outline import (
    DEFAULT_INDICATORS,
    DEFAULT_OUTLINE,
    parse_indicators,
    parse_outline,
)
from dangvu.reports.periods import covered_dates, has_computed_dates, period_title
from dangvu.reports.richtext import sanitise

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_DOCX_BYTES = 10 * 1024 * 1024
ALLOWED_ATTACHMENTS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# The first bytes each kind of file starts with: the name alone proves nothing.
_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}
PERIOD_AUDIT_FIELDS = [
    "title",
    "kind",
    "year",
    "number",
    "cut_off",
    "starts_on",
    "ends_on",
    "due_on",
]


WRITE_REFUSAL = gettext_lazy("You may not change this contribution now.")
OFFICE_REFUSAL = gettext_lazy("Only the committee's office staff may do this.")


def _check_not_frozen(period: Period) -> None:
    if IssuedReport.objects.filter(period_id=period.pk).exists():
        raise ValidationError(_("The report has been issued; the period can no longer change."))


def _status_error(contribution: Contribution) -> ValidationError:
    return ValidationError(
        _("This contribution is “%(status)s”; that cannot be done now.")
        % {"status": contribution.get_status_display()}
    )


# --- Periods and outlines -------------------------------------------------------------------


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


@transaction.atomic
def outline_update(
    *, period: Period, sections_text: str, indicators_text: str, by: Actor
) -> Period:
    """Replace the outline and indicators, while no unit has written anything yet (what was
    written belongs to the sections it was written for)."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
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


# --- Contributions --------------------------------------------------------------------------


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


def _decimal(raw: object, indicator: Indicator) -> Decimal | None:
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
            number = _decimal(raw, indicator)
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
            posted = _decimal(raw, indicator)
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
        actor=by, action=f"report.contribution_{target}", obj=locked, before=before,
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
    return _transition(
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
    if contribution.status in EDITABLE_STATUSES and policy.allowed(
        by, "contribution.write", contribution
    ):
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
    return _transition(
        contribution,
        [ContributionStatus.SUBMITTED, ContributionStatus.ACCEPTED],
        ContributionStatus.RETURNED,
        by,
        action="contribution.return",
        message=_("Only the committee's office staff may do this."),
        return_reason=reason.strip(),
        accepted_at=None,
    )


@transaction.atomic
def attachment_add(*, contribution: Contribution, name: str, data: bytes, by: Actor) -> Attachment:
    """Attach a file: PDF, Word, Excel or an image, at most 10 MB, whose content matches its
    name."""
    policy.require(by, "contribution.write", contribution, message=WRITE_REFUSAL)
    _check_not_frozen(contribution.period)
    if contribution.status not in EDITABLE_STATUSES:
        raise _status_error(contribution)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_ATTACHMENTS:
        raise ValidationError(
            {"file": _("Only PDF, Word, Excel, JPEG and PNG files may be attached.")}
        )
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    if not data.startswith(_SIGNATURES[suffix]):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    attachment = Attachment.objects.create(
        contribution=contribution,
        name=name[-255:],
        content_type=ALLOWED_ATTACHMENTS[suffix],
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


@transaction.atomic
def reminders_send(*, period: Period, by: Actor, day: dt.date | None = None) -> int:
    """E-mail the reporters and heads of every unit that has not submitted after the due date,
    once the transaction commits. Returns the number of units reminded."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    late = list(selectors.late_contributions(period, day or today()))
    if not late:
        return 0
    addresses: dict[int, list[str]] = {}
    for org_id, email in Membership.objects.filter(
        organisation__in=[c.unit_id for c in late],
        role__in=UNIT_ROLES,
        user__is_active=True,
    ).values_list("organisation_id", "user__email"):
        if email:
            addresses.setdefault(org_id, []).append(email)
    messages = []
    for contribution in late:
        to = addresses.get(contribution.unit_id)
        if not to:
            continue
        subject = f"[Dangvu] Đôn đốc gửi báo cáo: {period.title}"
        body = (
            f"Kính gửi {contribution.unit.name},\n\n"
            f"Đến nay đơn vị chưa gửi nội dung tham gia {period.title.lower()} "
            f"(hạn {short_date(period.due_on)}). Đề nghị đơn vị khẩn trương hoàn thành và gửi "
            f"về {period.committee.name}.\n"
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(to))))
    Contribution.objects.filter(pk__in=[c.pk for c in late]).update(reminded_at=timezone.now())
    audit.record(actor=by, action="report.reminders_send", obj=period, after={"units": len(late)})
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(late)


# --- The draft ------------------------------------------------------------------------------


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


# --- Comments -------------------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    version: DraftVersion,
    text: str,
    by: Actor,
    passage: str = "",
    section: Section | None = None,
    author_name: str = "",
    author_unit: Organisation | None = None,
) -> Comment:
    """A comment on a passage of a version, by a delegate or a unit."""
    policy.require(
        by,
        "period.comment",
        version.period,
        message=_("You may not comment on this report."),
    )
    _check_not_frozen(version.period)
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    if section is not None and section.period_id != version.period_id:
        raise ValidationError({"section": _("That section is not in this report.")})
    comment = Comment(
        version=version,
        text=text.strip(),
        passage=passage.strip(),
        section=section,
        author=audit.actor_or_none(by),
        author_name=(author_name or getattr(by, "full_name", "") or str(by or "")).strip()[:200],
        author_unit=author_unit,
    )
    comment.full_clean()
    comment.save()
    audit.record(actor=by, action="report.comment_add", obj=comment)
    return comment


@transaction.atomic
def comment_answer(*, comment: Comment, status: str, answer: str, by: Actor) -> Comment:
    """The office's answer: accepted (tiếp thu, the change is in the latest version) or explained
    (giải trình). Only an open comment can be answered."""
    comment = (
        Comment.objects.select_for_update().select_related("version__period").get(pk=comment.pk)
    )
    policy.require(
        by,
        "period.manage",
        comment.version.period,
        message=_("Only the committee's office staff may do this."),
    )
    _check_not_frozen(comment.version.period)
    if comment.status != CommentStatus.OPEN:
        raise ValidationError(_("This comment has already been answered."))
    if status not in (CommentStatus.ACCEPTED, CommentStatus.EXPLAINED):
        raise ValidationError({"status": _("Choose accepted or explained.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    comment.status = status
    comment.answer = answer.strip()
    comment.answered_by = audit.actor_or_none(by)
    comment.answered_at = timezone.now()
    if status == CommentStatus.ACCEPTED:
        comment.answered_in = comment.version.period.versions.order_by("-number").first()
    comment.full_clean()
    comment.save()
    audit.record(actor=by, action="report.comment_answer", obj=comment, after={"status": status})
    return comment


# --- Issuing --------------------------------------------------------------------------------


@transaction.atomic
def report_issue(
    *,
    period: Period,
    version: DraftVersion,
    issued_on: dt.date,
    signer_authority: str,
    signer_title: str,
    signer_name: str,
    by: Actor,
    recipients: str = "",
    number: int | None = None,
    confidentiality: str = "",
    urgency: str = "",
    empty_headings_confirmed: bool = True,
) -> IssuedReport:
    """Issue the latest version: a number from the committee's register of BC documents for the
    year (allocated safely under concurrent requests, or `number` typed from the paper
    register), a date and a signer. Frozen from then on; the DOCX is kept in the register.
    Headings with nothing under them are left out of the document; the issuing form asks the
    office to confirm them (`empty_headings_confirmed=False` until it does)."""
    from dangvu.documents.numbering import allocate_number, format_number, register_keep_docx
    from dangvu.reports.exports import empty_headings, version_docx

    Period.objects.select_for_update().filter(pk=period.pk).first()
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    if version.period_id != period.pk or version.number != _latest_number(period):
        raise ValidationError(_("Only the latest version of the draft can be issued."))
    if issued_on < period.starts_on:
        # A 9-month report is often issued before the 9 months end (the figures are estimated
        # to the end of the period), but never before the period starts.
        raise ValidationError(
            {"issued_on": _("The report cannot be dated before the period it covers starts.")}
        )
    missing = [
        name
        for name, value in (
            ("signer_authority", signer_authority),
            ("signer_title", signer_title),
            ("signer_name", signer_name),
        )
        if not value.strip()
    ]
    if missing:
        raise ValidationError({name: _("This field is required.") for name in missing})
    if not empty_headings_confirmed and (empty := empty_headings(version)):
        raise ValidationError(
            {
                "empty_headings_confirmed": _(
                    "Nothing is written under %(list)s: confirm that the issued report leaves "
                    "these headings out, or write them first."
                )
                % {"list": "; ".join(empty)}
            }
        )
    document_number = allocate_number(
        issuer=period.committee,
        type_code="BC",
        year=issued_on.year,
        label=period.title[:200],
        by=by,
        number=number,
        issued_on=issued_on,
        confidentiality=confidentiality or "",
        urgency=urgency or "",
    )
    issued = IssuedReport(
        period=period,
        version=version,
        number=document_number.number,
        number_label=format_number(document_number),
        issued_on=issued_on,
        signer_authority=signer_authority.strip(),
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        recipients=recipients.strip(),
        issued_by=audit.actor_or_none(by),
    )
    issued.full_clean()
    issued.save()
    register_keep_docx(entry=document_number, docx=version_docx(version, issued))
    audit.record(actor=by, action="report.issue", obj=issued, after={"number": issued.number_label})
    return issued
