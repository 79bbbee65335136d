"""Field lists, codes and the locking and state checks shared by the meeting services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import policy
from dangvu.core.policy import Actor
from dangvu.meetings.enums import ConferenceState
from dangvu.meetings.models import (
    Conference,
)

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


def _check_open(conference: Conference) -> None:
    if conference.state == ConferenceState.CLOSED:
        raise ValidationError(_("The conference is closed; it can no longer be changed."))
