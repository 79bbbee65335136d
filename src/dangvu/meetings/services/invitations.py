"""Meeting services for invitations, attendance and sending the invitations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import short_date, within
from dangvu.core.policy import Actor
from dangvu.meetings.enums import Attendance, ConferenceState
from dangvu.meetings.models import (
    Conference,
    Invitation,
)
from dangvu.notifications import emails, events
from dangvu.org.models import Organisation, Person, Position
from dangvu.org.selectors import organisations_on

from ._common import _check_open, _editable
from .conferences import conference_day


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
    not yet been sent one (through the outbox: the worker sends them once this commits), and
    tell those with an account in-app. Returns how many."""
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
    for invitation in pending:  # the one sender: rendered now, sent by the worker (outbox)
        emails.queue(
            key=f"invitation:{invitation.pk}",
            name="invitation",
            to=[_invitation_email(invitation)],
            context={"conference": conference, "agenda": agenda, "invitation": invitation},
        )
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in pending]).update(
        emailed_at=timezone.now()
    )
    audit.record(
        actor=by,
        action="conference.invitations_sent",
        obj=conference,
        after={"recipients": [_invitation_email(invitation) for invitation in pending]},
    )
    users = [i.person.user for i in pending if i.person is not None and i.person.user]
    events.emit(events.Event.CONFERENCE_INVITED, target=conference, to=users, by=by, email=False)
    return len(pending)
