"""Meeting services for invitations, attendance and sending the invitations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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


@dataclass
class InvitationsAdded:
    created: list[Invitation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # who was already invited, by name


@transaction.atomic
def invitations_add(
    *,
    conference: Conference,
    by: Actor,
    organisations: Iterable[Organisation] = (),
    persons: Iterable[Person] = (),
    position_text: str = "",
) -> InvitationsAdded:
    """Invite several organisations and persons at once, all with the same "invited as". Every
    one is checked first (of the committee on the conference's day; a person holding a position
    there), and nothing is written when one is not; those already invited are skipped and named.
    Refused when nobody new is left to invite."""
    conference = _editable(conference, by)
    _check_open(conference)
    organisations, persons = list(organisations), list(persons)
    if not organisations and not persons:
        raise ValidationError(_("Choose the organisations or the persons to invite."))
    day = short_date(conference_day(conference))
    errors: dict[str, list[str]] = {}
    for organisation in organisations:
        if not _in_committee(conference, organisation):
            errors.setdefault("organisations", []).append(
                _("%(name)s is not part of %(committee)s on %(day)s.")
                % {"name": organisation.name, "committee": conference.committee.name, "day": day}
            )
    for person in persons:
        if not _person_in_committee(conference, person):
            errors.setdefault("persons", []).append(
                _("%(name)s holds no position in %(committee)s on %(day)s.")
                % {"name": person.full_name, "committee": conference.committee.name, "day": day}
            )
    if errors:
        raise ValidationError(errors)
    invited_orgs = set(
        conference.invitations.filter(person__isnull=True).values_list("organisation", flat=True)
    )
    invited_people = set(
        conference.invitations.filter(person__isnull=False).values_list("person", flat=True)
    )
    outcome = InvitationsAdded()
    wanted: list[Invitation] = []
    for organisation in organisations:
        if organisation.pk in invited_orgs:
            outcome.skipped.append(organisation.name)
        else:
            invited_orgs.add(organisation.pk)
            wanted.append(Invitation(conference=conference, organisation=organisation))
    for person in persons:
        if person.pk in invited_people:
            outcome.skipped.append(person.full_name)
        else:
            invited_people.add(person.pk)
            wanted.append(Invitation(conference=conference, person=person))
    if not wanted:
        raise ValidationError(
            _("Nobody new to invite: %(names)s already invited.")
            % {"names": ", ".join(outcome.skipped)}
        )
    for invitation in wanted:
        invitation.position_text = position_text.strip()
        invitation.full_clean()
        invitation.save()
        audit.record(
            actor=by,
            action="conference.invite",
            obj=invitation,
            after=audit.snapshot(
                invitation, ["conference", "person", "organisation", "position_text"]
            ),
        )
        outcome.created.append(invitation)
    return outcome


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
    if reasons is not None:
        # The form sends every reason: an absence with leave says why (the biên bản prints it).
        missing = {
            f"reason-{pk}": _("Say why %(who)s is absent with leave.")
            % {"who": str(invitations[pk])}
            for pk, value in attendance.items()
            if value == Attendance.EXCUSED and not reasons.get(pk, "").strip()
        }
        if missing:
            raise ValidationError(missing)
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


def unsent_reasons(conference: Conference) -> list[str]:
    """Why some invitations cannot go by e-mail (or why none would): nobody invited, already
    sent, an organisation (its letter is printed), a person without an address."""
    invitations = list(conference.invitations.select_related("person", "organisation"))
    if not invitations:
        return [_("Nobody is invited yet.")]
    reasons = []
    already = [i for i in invitations if i.emailed_at is not None]
    if already:
        reasons.append(
            _("%(count)d invitee(s) were already sent the invitation.") % {"count": len(already)}
        )
    # (one whose people have accounts is told through them when the invitations are sent)
    organisations = [
        i
        for i in invitations
        if i.person is None
        and i.emailed_at is None
        and not (i.organisation and events.recipients([events.units(i.organisation)]))
    ]
    if organisations:
        reasons.append(
            _(
                "%(count)d invited organisation(s) have no e-mail address here: print their "
                "letters (one letter per addressee) or invite their people by name."
            )
            % {"count": len(organisations)}
        )
    without = [
        i.person.full_name
        for i in invitations
        if i.person is not None and i.emailed_at is None and not i.person.email
    ]
    if without:
        reasons.append(
            _("No e-mail address for: %(names)s.") % {"names": ", ".join(sorted(without))}
        )
    return reasons


def _invitation_email(invitation: Invitation) -> str:
    if invitation.person is not None:
        return invitation.person.email
    return ""


@transaction.atomic
def invitations_send(*, conference: Conference, by: Actor) -> int:
    """E-mail the invitation with the agenda to every invited person with an address who has
    not yet been sent one (through the outbox: the worker sends them once this commits), and
    tell those with an account in-app; tell the people of each organisation invited as a whole
    (in-app and in their digest). Returns how many invitations went out."""
    conference = _editable(conference, by)
    _check_open(conference)
    waiting = list(
        conference.invitations.select_related("person", "organisation").filter(
            emailed_at__isnull=True
        )
    )
    pending = [invitation for invitation in waiting if _invitation_email(invitation)]
    # An organisation invited as a whole: its reporters and heads are told in-app and in their
    # next e-mail digest (with the conference's link); one with nobody to tell stays unsent (its
    # letter is printed, `unsent_reasons`).
    told = [
        invitation
        for invitation in waiting
        if invitation.person is None
        and invitation.organisation is not None
        and events.recipients([events.units(invitation.organisation)], exclude=by)
    ]
    for invitation in told:
        events.emit(
            events.Event.CONFERENCE_INVITED,
            target=conference,
            to=[events.units(invitation.organisation)],
            by=by,
        )
    if told:
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in told]).update(
            emailed_at=timezone.now()
        )
    if not pending:
        if told:
            audit.record(
                actor=by,
                action="conference.invitations_sent",
                obj=conference,
                after={"organisations": [i.organisation_id for i in told]},
            )
        return len(told)
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
        after={
            "recipients": [_invitation_email(invitation) for invitation in pending],
            "organisations": [i.organisation_id for i in told],
        },
    )
    users = [i.person.user for i in pending if i.person is not None and i.person.user]
    events.emit(events.Event.CONFERENCE_INVITED, target=conference, to=users, by=by, email=False)
    return len(pending) + len(told)
