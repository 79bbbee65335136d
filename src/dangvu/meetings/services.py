"""Writes to conferences. Each service checks its rule, writes atomically, leaves an audit entry.

The state moves planned → held → closed only here. Closing needs an outcome on every agenda item;
issuing the notice allocates its number ("Số 12-TB/QU") and freezes the DOCX; an item of the
conclusion becomes a task once, through `assignments.services.task_create`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.models import User
from dangvu.assignments import conclusion_import
from dangvu.assignments.conclusion_import import ReviewItem
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.models import Task
from dangvu.assignments.services import task_create
from dangvu.core import audit, locking, policy
from dangvu.core.dates import short_date, within
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number, format_number, register_keep_docx
from dangvu.documents.rendering import render_docx
from dangvu.meetings.enums import Attendance, ConferenceState, OutcomeKind
from dangvu.meetings.models import (
    AgendaItem,
    Conclusion,
    ConclusionItem,
    Conference,
    Invitation,
    MinutesRevision,
)
from dangvu.meetings.notice import notice_document
from dangvu.org.models import Organisation, Person, Position
from dangvu.org.selectors import organisations_on
from dangvu.reports.models import Period

CONFERENCE_FIELDS = [
    "committee",
    "kind",
    "title",
    "starts_at",
    "place",
    "online_link",
    "chair",
    "chair_title",
    "secretary",
    "state",
]
NOTICE_TYPE_CODE = "TB"


def conference_day(conference: Conference) -> dt.date:
    return timezone.localtime(conference.starts_at).date()


def _check_committee_exists(committee: Organisation, day: dt.date) -> None:
    if not organisations_on(day).filter(pk=committee.pk).exists():
        raise ValidationError(
            {
                "starts_at": _("%(name)s does not exist on %(day)s.")
                % {"name": committee.name, "day": short_date(day)}
            }
        )


@transaction.atomic
def conference_create(
    *,
    committee: Organisation,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    by: Actor,
    place: str = "",
    online_link: str = "",
    chair: Person | None = None,
    chair_title: str = "",
    secretary: str = "",
) -> Conference:
    """Plan a conference of `committee`, which must exist on the day it is held."""
    policy.require(
        by,
        "conference.create",
        committee,
        message=_("Only the committee's office staff may plan its conferences."),
    )
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("The start time needs a time zone.")})
    conference = Conference(
        committee=committee,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        online_link=online_link.strip(),
        chair=chair,
        chair_title=chair_title.strip(),
        secretary=secretary.strip(),
        created_by=audit.actor_or_none(by),
    )
    conference.full_clean()
    _check_committee_exists(committee, conference_day(conference))
    conference.save()
    audit.record(
        actor=by,
        action="conference.create",
        obj=conference,
        after=audit.snapshot(conference, CONFERENCE_FIELDS),
    )
    return conference


@transaction.atomic
def conference_update(
    *,
    conference: Conference,
    by: Actor,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    online_link: str = "",
    chair: Person | None = None,
    chair_title: str = "",
    secretary: str = "",
) -> Conference:
    """Correct a conference's details (not its committee or state); refused once closed."""
    conference = _editable(conference, by)
    _check_open(conference)
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("The start time needs a time zone.")})
    before = audit.snapshot(conference, CONFERENCE_FIELDS)
    conference.kind = kind
    conference.title = title.strip()
    conference.starts_at = starts_at
    conference.place = place.strip()
    conference.online_link = online_link.strip()
    conference.chair = chair
    conference.chair_title = chair_title.strip()
    conference.secretary = secretary.strip()
    conference.full_clean()
    _check_committee_exists(conference.committee, conference_day(conference))
    conference.save()
    audit.record(
        actor=by,
        action="conference.update",
        obj=conference,
        before=before,
        after=audit.snapshot(conference, CONFERENCE_FIELDS),
    )
    return conference


def _locked(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update(of=("self",))
        .select_related("committee", "chair")
        .get(pk=conference.pk)
    )


EDIT_REFUSAL = gettext_lazy(
    "Only the office, the chair and the chair's delegates may change this conference."
)


def _editable(conference: Conference, by: Actor, action: str = "conference.edit") -> Conference:
    """The conference locked for the rest of the transaction, once `by` may change it."""
    conference = _locked(conference)
    policy.require(by, action, conference, message=EDIT_REFUSAL)
    return conference


def _transition(conference: Conference, *, to: str, by: Actor) -> Conference:
    before = audit.snapshot(conference, ["state"])
    conference.state = to
    conference.save(update_fields=["state", "updated_at"])
    audit.record(
        actor=by,
        action=f"conference.{to}",
        obj=conference,
        before=before,
        after=audit.snapshot(conference, ["state"]),
    )
    return conference


@transaction.atomic
def conference_mark_held(*, conference: Conference, by: Actor) -> Conference:
    """A planned conference has taken place."""
    conference = _editable(conference, by)
    if conference.state != ConferenceState.PLANNED:
        raise ValidationError(_("Only a planned conference can be marked as held."))
    return _transition(conference, to=ConferenceState.HELD, by=by)


@transaction.atomic
def conference_close(*, conference: Conference, by: Actor) -> Conference:
    """Close a held conference. Refused while an agenda item has no outcome in the minutes."""
    conference = _editable(conference, by)
    if conference.state != ConferenceState.HELD:
        raise ValidationError(_("Only a conference that has been held can be closed."))
    missing = [
        str(item)
        for item in conference.agenda.order_by("position")
        if not item.outcome_kind or not item.outcome.strip()
    ]
    if missing:
        raise ValidationError(
            _("The conference cannot be closed: these agenda items have no outcome: %(items)s.")
            % {"items": "; ".join(missing)}
        )
    return _transition(conference, to=ConferenceState.CLOSED, by=by)


def _check_open(conference: Conference) -> None:
    if conference.state == ConferenceState.CLOSED:
        raise ValidationError(_("The conference is closed; it can no longer be changed."))


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
    if base_revision is not None:
        latest = item.revisions.order_by("-written_at", "-pk").select_related("written_by").first()
        count = item.revisions.count()
        if count != base_revision and latest is not None:
            posted = {"discussion": discussion.strip(), "outcome": outcome.strip()}
            labels = {"discussion": _("Discussion"), "outcome": _("Outcome")}
            raise locking.conflict(
                locking.saved_by(latest.written_by, latest.written_at),
                [str(labels[k]) for k, v in posted.items() if getattr(latest, k) != v],
            )
    if conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("Minutes are written once the conference has been held."))
    if outcome.strip() and not outcome_kind:
        raise ValidationError({"outcome_kind": _("Say what kind of outcome this is.")})
    if outcome_kind and outcome_kind not in OutcomeKind.values:
        raise ValidationError({"outcome_kind": _("Unknown outcome kind.")})
    before = audit.snapshot(item, ["discussion", "outcome_kind", "outcome"])
    item.discussion = discussion.strip()
    item.outcome_kind = outcome_kind
    item.outcome = outcome.strip()
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


def _in_committee(conference: Conference, organisation: Organisation) -> bool:
    """The committee itself or a body under it, existing on the conference's day."""
    return (
        organisations_on(conference_day(conference))
        .filter(pk=organisation.pk, path__startswith=conference.committee.path)
        .exists()
    )


def _person_in_committee(conference: Conference, person: Person) -> bool:
    day = conference_day(conference)
    positions = Position.objects.filter(
        person=person, organisation__path__startswith=conference.committee.path
    ).select_related("organisation")
    return any(within(day, p.valid_from, p.valid_to) for p in positions)


@transaction.atomic
def invitation_add(
    *,
    conference: Conference,
    by: Actor,
    person: Person | None = None,
    organisation: Organisation | None = None,
    position_text: str = "",
) -> Invitation:
    """Invite a person or an organisation of the committee (itself or a body under it, existing
    on the day); a person must hold a position there that day."""
    conference = _editable(conference, by)
    _check_open(conference)
    if person is None and organisation is None:
        raise ValidationError(_("Choose a person or an organisation to invite."))
    if organisation is not None and not _in_committee(conference, organisation):
        raise ValidationError(
            {
                "organisation": _("%(name)s is not part of %(committee)s on %(day)s.")
                % {
                    "name": organisation.name,
                    "committee": conference.committee.name,
                    "day": short_date(conference_day(conference)),
                }
            }
        )
    if person is not None and not _person_in_committee(conference, person):
        raise ValidationError(
            {
                "person": _("%(name)s holds no position in %(committee)s on %(day)s.")
                % {
                    "name": person.full_name,
                    "committee": conference.committee.name,
                    "day": short_date(conference_day(conference)),
                }
            }
        )
    duplicate = conference.invitations.filter(person=person) if person else None
    if person is None:
        duplicate = conference.invitations.filter(person__isnull=True, organisation=organisation)
    if duplicate is not None and duplicate.exists():
        raise ValidationError(_("This invitee is already invited."))
    invitation = Invitation(
        conference=conference,
        person=person,
        organisation=organisation,
        position_text=position_text.strip(),
    )
    invitation.full_clean()
    invitation.save()
    audit.record(
        actor=by,
        action="conference.invite",
        obj=invitation,
        after=audit.snapshot(invitation, ["conference", "person", "organisation", "position_text"]),
    )
    return invitation


@transaction.atomic
def attendance_record(
    *,
    conference: Conference,
    attendance: dict[int, str],
    by: Actor,
    reasons: dict[int, str] | None = None,
) -> list[Invitation]:
    """Record attendance (present, absent with leave, absent) for the invitations given by id;
    every id must be an invitation of this conference and every value a known category. The
    reason of an absence, when given, is kept in the invitation's note (the delegate list and
    the biên bản print it)."""
    conference = _editable(conference, by)
    _check_open(conference)
    if conference.state == ConferenceState.PLANNED and conference.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the conference has started."))
    invitations = {i.pk: i for i in conference.invitations.select_for_update(of=("self",))}
    unknown = [pk for pk in attendance if pk not in invitations]
    if unknown:
        raise ValidationError(_("Some invitations are not part of this conference."))
    if any(value not in Attendance.values for value in attendance.values()):
        raise ValidationError(_("Unknown attendance category."))
    reasons = reasons or {}
    if any(pk not in invitations for pk in reasons):
        raise ValidationError(_("Some invitations are not part of this conference."))
    changed = []
    for pk, invitation in invitations.items():
        value = attendance.get(pk, invitation.attendance)
        note = reasons[pk].strip()[:300] if pk in reasons else invitation.note
        if invitation.attendance != value or invitation.note != note:
            before = audit.snapshot(invitation, ["attendance", "note"])
            invitation.attendance = value
            invitation.note = note
            invitation.save(update_fields=["attendance", "note"])
            audit.record(
                actor=by,
                action="conference.attendance",
                obj=invitation,
                before=before,
                after=audit.snapshot(invitation, ["attendance", "note"]),
            )
            changed.append(invitation)
    return changed


def _invitation_email(invitation: Invitation) -> str:
    if invitation.person is not None:
        return invitation.person.email
    return ""


@transaction.atomic
def invitations_send(*, conference: Conference, by: Actor) -> int:
    """E-mail the invitation with the agenda to every invited person with an address who has
    not yet been sent one; the mails leave once the transaction commits. Returns how many."""
    conference = _editable(conference, by)
    _check_open(conference)
    pending = [
        invitation
        for invitation in conference.invitations.select_related("person").filter(
            emailed_at__isnull=True
        )
        if _invitation_email(invitation)
    ]
    if not pending:
        return 0
    agenda = list(conference.agenda.order_by("position"))
    subject = _("Invitation: %(title)s") % {"title": conference.title}
    messages = []
    now = timezone.now()
    for invitation in pending:
        body = render_to_string(
            "meetings/invitation_email.txt",
            {"conference": conference, "agenda": agenda, "invitation": invitation},
        )
        messages.append((_invitation_email(invitation), body))
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in pending]).update(
        emailed_at=now
    )
    audit.record(
        actor=by,
        action="conference.invitations_sent",
        obj=conference,
        after={"recipients": [address for address, _body in messages]},
    )

    def send() -> None:
        for address, body in messages:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])

    transaction.on_commit(send)
    return len(messages)


# --- the conclusion -----------------------------------------------------------------------------

ITEM_LINE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*)$")
SUBITEM_LINE = re.compile(r"^\s*(?:([a-zđ])\s*\)|[-–•+])\s*(.*)$")


@dataclass
class ItemText:
    text: str
    subitems: list[str] = field(default_factory=list)


def parse_items(text: str) -> list[ItemText]:
    """Items from the text the office types: a line starting "1." or "1)" opens an item, a line
    starting "a)" or "-" a sub-item under it; other lines continue the one before."""
    items: list[ItemText] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        item_match = ITEM_LINE.match(line)
        sub_match = SUBITEM_LINE.match(line)
        if item_match:
            items.append(ItemText(item_match.group(2).strip()))
        elif sub_match and items:
            items[-1].subitems.append(sub_match.group(2).strip())
        elif items and items[-1].subitems:
            items[-1].subitems[-1] += " " + line
        elif items:
            items[-1].text = f"{items[-1].text} {line}".strip()
        else:
            items.append(ItemText(line))
    return items


def items_as_text(items: Sequence[ConclusionItem]) -> str:
    return "\n".join(
        f"{item.label} {item.text}" if item.parent_id is None else f"   {item.label} {item.text}"
        for item in items
    )


@transaction.atomic
def conclusion_write(
    *, conference: Conference, preamble: str, items: Sequence[ItemText], by: Actor
) -> Conclusion:
    """Write (or rewrite) the chair's conclusion before it is issued. Refused once issued, for
    a planned conference, or without any item."""
    conference = _editable(conference, by)
    if conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("The conclusion is written once the conference has been held."))
    if not [item for item in items if item.text.strip()]:
        raise ValidationError({"items": _("The conclusion needs at least one numbered item.")})
    conclusion, _created = Conclusion.objects.select_for_update(of=("self",)).get_or_create(
        conference=conference
    )
    if conclusion.is_issued:
        raise ValidationError(_("The notice has been issued; its conclusion can no longer change."))
    if conclusion.items.filter(task__isnull=False).exists():
        raise ValidationError(
            _("Tasks have been created from this conclusion; its items can no longer change.")
        )
    before = {"preamble": conclusion.preamble, "items": items_as_text(list(conclusion.items.all()))}
    conclusion.preamble = preamble.strip()
    conclusion.full_clean()
    conclusion.save()
    conclusion.items.all().delete()
    number = 0
    for entry in items:
        if not entry.text.strip():
            continue
        number += 1
        parent = ConclusionItem.objects.create(
            conclusion=conclusion, number=number, text=entry.text.strip()
        )
        for sub_number, sub_text in enumerate([s for s in entry.subitems if s.strip()], 1):
            ConclusionItem.objects.create(
                conclusion=conclusion, parent=parent, number=sub_number, text=sub_text.strip()
            )
    after = {"preamble": conclusion.preamble, "items": items_as_text(list(conclusion.items.all()))}
    audit.record(actor=by, action="conclusion.write", obj=conclusion, before=before, after=after)
    return conclusion


@transaction.atomic
def notice_issue(
    *,
    conclusion: Conclusion,
    signer_authority: str,
    signer_title: str,
    signer_name: str,
    recipients: Sequence[str],
    by: Actor,
    issued_on: dt.date | None = None,
    number: int | None = None,
    confidentiality: str = "",
    urgency: str = "",
) -> Conclusion:
    """Issue the conclusion as a notice (thông báo kết luận): allocate the committee's next TB
    number for the year (or record `number`, typed from the paper register), and keep the DOCX
    as issued, here and in the register. Refused when already issued."""
    conclusion = (
        Conclusion.objects.select_for_update(of=("self",))
        .select_related("conference__committee", "conference__chair")
        .get(pk=conclusion.pk)
    )
    policy.require(by, "conference.edit", conclusion.conference, message=EDIT_REFUSAL)
    if conclusion.is_issued:
        raise ValidationError(
            _("This notice has already been issued as number %(number)s.")
            % {"number": format_number(conclusion.number)}  # type: ignore[arg-type]
        )
    if not conclusion.items.exists():
        raise ValidationError(_("The conclusion has no items to issue."))
    errors = {}
    if not signer_authority.strip():
        errors["signer_authority"] = _("Say on whose behalf the notice is signed.")
    if not signer_name.strip():
        errors["signer_name"] = _("The signer's name is required.")
    if errors:
        raise ValidationError(errors)
    conference = conclusion.conference
    day = issued_on or timezone.localdate()
    if day < conference_day(conference):
        raise ValidationError({"issued_on": _("The notice cannot be dated before the conference.")})
    entry = allocate_number(
        issuer=conference.committee,
        type_code=NOTICE_TYPE_CODE,
        year=day.year,
        label=_("Conclusion notice: %(title)s") % {"title": conference.title},
        by=by,
        number=number,
        issued_on=day,
        confidentiality=confidentiality,
        urgency=urgency,
    )
    conclusion.number = entry
    conclusion.issued_on = day
    conclusion.signer_authority = signer_authority.strip()
    conclusion.signer_title = signer_title.strip()
    conclusion.signer_name = signer_name.strip()
    conclusion.recipients = "\n".join(r.strip() for r in recipients if r.strip())
    conclusion.full_clean()
    conclusion.notice_docx = render_docx(notice_document(conclusion))
    conclusion.save()
    register_keep_docx(entry=entry, docx=conclusion.notice_docx)
    audit.record(
        actor=by,
        action="conclusion.issue",
        obj=conclusion,
        after={
            "number": format_number(entry),
            "issued_on": day.isoformat(),
            "signer": f"{conclusion.signer_authority} {conclusion.signer_name}",
        },
    )
    return conclusion


@transaction.atomic
def item_to_task(*, item: ConclusionItem, by: Actor) -> Task:
    """Turn an item (or sub-item) of the conclusion into a task of the committee, given on the
    conference's day, with the item's wording kept as the original text. Once per item."""
    item = (
        ConclusionItem.objects.select_for_update(of=("self",))
        .select_related(
            "conclusion__conference__committee",
            "conclusion__conference__chair",
            "conclusion__number__issuer",
            "parent",
        )
        .get(pk=item.pk)
    )
    conclusion = item.conclusion
    conference = conclusion.conference
    # Both rules: the record's (`conference.edit`) and the task rules (`task.create` on the
    # committee), so that a delegate who is a unit reporter cannot give the committee tasks.
    policy.require(by, "conference.edit", conference, message=EDIT_REFUSAL)
    policy.require(
        by,
        "task.create",
        conference.committee,
        message=_("Only the committee's office staff may give it tasks."),
    )
    if item.task_id is not None:
        raise ValidationError(_("A task has already been created from this item."))
    label = item.label if item.parent is None else f"{item.parent.label} {item.label}"
    if conclusion.number is not None:
        reference = _("Notice %(number)s, item %(label)s") % {
            "number": format_number(conclusion.number),
            "label": label,
        }
    else:
        reference = _("Conclusion of the conference of %(day)s, item %(label)s") % {
            "day": short_date(conference_day(conference)),
            "label": label,
        }
    task = task_create(
        committee=conference.committee,
        content=item.text,
        by=by,
        source_kind=SourceKind.CONCLUSION,
        source_reference=reference[:300],
        original_text=item.text,
        issued_on=conference_day(conference),
    )
    item.task = task
    item.save(update_fields=["task"])
    audit.record(actor=by, action="conclusion.item_task", obj=item, after={"task": task.pk})
    return task


# --- the whole conclusion into tasks, in one review (issue 12) --------------------------------
# Additive: the same reading and review screen as a pasted conclusion
# (assignments.conclusion_import), each task traced to its conclusion item.


def conclusion_items_for_review(conclusion: Conclusion) -> list[ReviewItem]:
    """The items still to become tasks, as the review reads them: every item without sub-items
    and every sub-item (an item with sub-items is their heading), in order; items that already
    have a task are left out."""
    items = list(conclusion.items.select_related("parent").order_by("pk"))
    parents = {item.parent_id for item in items if item.parent_id is not None}
    ordered = sorted(
        items,
        key=lambda i: (i.parent.number if i.parent else i.number, i.parent is not None, i.number),
    )
    return [
        ReviewItem(
            pk=item.pk,
            label=item.label if item.parent is None else f"{item.parent.label} {item.label}",
            text=item.text,
        )
        for item in ordered
        if item.task_id is None and item.pk not in parents
    ]


def conclusion_reference(conclusion: Conclusion) -> str:
    """Where the tasks come from: the notice's number once issued, else the conference's day
    (the item's label is added to each task's reference)."""
    if conclusion.number is not None:
        return _("Notice %(number)s") % {"number": format_number(conclusion.number)}
    return _("Conclusion of the conference of %(day)s") % {
        "day": short_date(conference_day(conclusion.conference))
    }


@transaction.atomic
def conclusion_tasks_create(
    *,
    conclusion: Conclusion,
    rows: Sequence[dict[str, Any]],
    authority: Organisation | None,
    by: Actor,
) -> list[Task]:
    """Create the tasks the office confirmed in the review of a conference's conclusion, all or
    none, each given on the conference's day and traced to its conclusion item (`item.task`).
    Refused to anyone who may not edit the conference, and (by `create_tasks`) to anyone who may
    not give the committee tasks; refused for an item that is not this conclusion's or already
    has a task."""
    conference = conclusion.conference
    policy.require(by, "conference.edit", conference, message=EDIT_REFUSAL)
    wanted = [row.get("conclusion_item") for row in rows]
    items = {
        item.pk: item
        for item in ConclusionItem.objects.select_for_update(of=("self",)).filter(
            conclusion=conclusion, pk__in=[pk for pk in wanted if pk]
        )
    }
    for number, pk in enumerate(wanted, start=1):
        item = items.get(pk) if pk else None
        if item is None:
            raise ValidationError(
                _("Task %(number)s: it is not an item of this conclusion.") % {"number": number}
            )
        if item.task_id is not None:
            raise ValidationError(
                _("Task %(number)s: a task has already been created from this item.")
                % {"number": number}
            )
    if len(set(wanted)) != len(wanted):
        raise ValidationError(_("An item of the conclusion can become only one task."))
    tasks = conclusion_import.create_tasks(
        committee=conference.committee,
        issued_on=conference_day(conference),
        source_reference=conclusion_reference(conclusion)[:250],
        rows=rows,
        by=by,
        authority=authority,
    )
    for pk, task in zip(wanted, tasks, strict=True):
        item = items[pk]  # type: ignore[index]
        item.task = task
        item.save(update_fields=["task"])
        audit.record(actor=by, action="conclusion.item_task", obj=item, after={"task": task.pk})
    return tasks


@transaction.atomic
def paper_register(
    *, conference: Conference, kind: str, by: Actor, issued_on: dt.date | None = None
) -> Any:
    """Number a conference paper (the giấy mời "GM", the biên bản "BB") in the committee's
    register and keep its DOCX there as issued. Once per paper; the office of the committee only
    (documents.services.register_record asks its policy)."""
    from dangvu.documents.services import register_record
    from dangvu.meetings import papers

    type_code = papers.REGISTERED.get(kind)
    if type_code is None:
        raise ValidationError(_("Only the invitation letter and the minutes are registered."))
    conference = _locked(conference)
    existing = papers.paper_entry(conference, type_code)
    if existing is not None:
        raise ValidationError(
            _("This paper is already in the register as number %(number)s.")
            % {"number": format_number(existing)}
        )
    if type_code == "BB" and conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("The minutes are registered once the conference has been held."))
    document = (
        papers.invitation_letter(conference)
        if type_code == "GM"
        else papers.minutes_document(conference)
    )
    entry = register_record(
        issuer=conference.committee,
        type_code=type_code,
        issued_on=issued_on or timezone.localdate(),
        label=f"{document.type_name.capitalize()}: {conference.title}"[:300],
        source=papers.paper_source(conference, type_code),
        by=by,
    )
    built = (
        papers.invitation_letter(conference)
        if type_code == "GM"
        else papers.minutes_document(conference)
    )
    register_keep_docx(entry=entry, docx=render_docx(built))
    return entry
