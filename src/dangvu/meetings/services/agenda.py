"""Meeting services for the agenda, the delegates and the minutes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.core import audit, locking, richtext
from dangvu.core.policy import Actor
from dangvu.meetings.enums import ConferenceState, OutcomeKind
from dangvu.meetings.models import (
    AgendaItem,
    Conference,
    MinutesRevision,
)
from dangvu.reports.models import Period

from ._common import _check_open, _editable


@transaction.atomic
def agenda_item_add(
    *,
    conference: Conference,
    title: str,
    by: Actor,
    document_reference: str = "",
    report_period: Period | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda; the report it discusses must be one of the
    conference's committee."""
    conference = _editable(conference, by)
    _check_open(conference)
    if report_period is not None and report_period.committee_id != conference.committee_id:
        raise ValidationError({"report_period": _("The report belongs to another committee.")})
    last = conference.agenda.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem(
        conference=conference,
        position=last + 1,
        title=title.strip(),
        document_reference=document_reference.strip(),
        report_period=report_period,
    )
    item.full_clean()
    item.save()
    audit.record(
        actor=by,
        action="conference.agenda_add",
        obj=item,
        after=audit.snapshot(
            item, ["conference", "position", "title", "document_reference", "report_period"]
        ),
    )
    return item


@transaction.atomic
def conference_delegates_set(
    *, conference: Conference, users: Iterable[User], by: Actor
) -> Conference:
    """Name the people the chair entrusts with the conference's record; they edit it as the
    office does. Only the office or the chair may delegate (`conference.delegate`)."""
    conference = _editable(conference, by, "conference.delegate")
    _check_open(conference)
    before = sorted(conference.delegates.values_list("pk", flat=True))
    conference.delegates.set(list(users))
    after = sorted(conference.delegates.values_list("pk", flat=True))
    audit.record(
        actor=by,
        action="conference.delegates",
        obj=conference,
        before={"delegates": before},
        after={"delegates": after},
    )
    return conference


@transaction.atomic
def minutes_record(
    *,
    item: AgendaItem,
    discussion: str,
    outcome_kind: str,
    outcome: str,
    by: Actor,
    base_revision: int | None = None,
) -> AgendaItem:
    """Write the minutes of an agenda item; the previous version stays in the revisions.
    `base_revision`: how many revisions the form showed; refused with `EditConflict` when
    someone wrote another since (optimistic locking; the conference row is locked)."""
    conference = _editable(item.conference, by)
    _check_open(conference)
    # rich text from the editor (or plain lines from the API): only paragraphs and lists stay
    discussion, outcome = richtext.sanitise(discussion), richtext.sanitise(outcome)
    if base_revision is not None:
        latest = item.revisions.order_by("-written_at", "-pk").select_related("written_by").first()
        count = item.revisions.count()
        if count != base_revision and latest is not None:
            posted = {"discussion": discussion, "outcome": outcome}
            labels = {"discussion": _("Discussion"), "outcome": _("Outcome")}
            raise locking.conflict(
                locking.saved_by(latest.written_by, latest.written_at),
                [str(labels[k]) for k, v in posted.items() if getattr(latest, k) != v],
            )
    if conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("Minutes are written once the conference has been held."))
    if outcome and not outcome_kind:
        raise ValidationError({"outcome_kind": _("Say what kind of outcome this is.")})
    if outcome_kind and outcome_kind not in OutcomeKind.values:
        raise ValidationError({"outcome_kind": _("Unknown outcome kind.")})
    before = audit.snapshot(item, ["discussion", "outcome_kind", "outcome"])
    item.discussion = discussion
    item.outcome_kind = outcome_kind
    item.outcome = outcome
    item.full_clean()
    item.save(update_fields=["discussion", "outcome_kind", "outcome"])
    MinutesRevision.objects.create(
        item=item,
        discussion=item.discussion,
        outcome_kind=item.outcome_kind,
        outcome=item.outcome,
        written_by=audit.actor_or_none(by),
    )
    audit.record(
        actor=by,
        action="conference.minutes",
        obj=item,
        before=before,
        after=audit.snapshot(item, ["discussion", "outcome_kind", "outcome"]),
    )
    return item
