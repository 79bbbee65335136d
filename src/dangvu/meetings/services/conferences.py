"""Meeting services for conferences: creating, editing and moving them through their states."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.meetings.enums import ConferenceState
from dangvu.meetings.models import (
    Conference,
)
from dangvu.org.models import Organisation, Person
from dangvu.org.selectors import organisations_on

from ._common import CONFERENCE_FIELDS, _check_open, _editable


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
