"""The conferences API: conferences, attendance and conclusions, scoped like the pages (what the
user may not see is a 404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from dangvu.core.policy import actor_of
from dangvu.documents.numbering import format_number
from dangvu.meetings import services
from dangvu.meetings.models import ConclusionItem, Conference, Invitation
from dangvu.meetings.schemas import (
    AttendanceIn,
    ConclusionIn,
    ConclusionOut,
    ConferenceDetailOut,
    ConferenceIn,
    ConferenceOut,
    InvitationOut,
    TaskCreatedOut,
)
from dangvu.meetings.selectors import (
    attendance_counts,
    conclusion_items,
    conclusion_of,
    conference_list,
    get_conference_for_user,
    upcoming_conferences,
)
from dangvu.org.models import Organisation

router = Router(tags=["conferences"])


def _out(conference: Conference) -> dict[str, Any]:
    return {
        "id": conference.pk,
        "committee_id": conference.committee_id,
        "committee": conference.committee.name,
        "kind": conference.kind,
        "title": conference.title,
        "starts_at": conference.starts_at,
        "place": conference.place,
        "online_link": conference.online_link,
        "chair": conference.chair.full_name if conference.chair else None,
        "chair_title": conference.chair_title,
        "state": conference.state,
    }


@router.get("/conferences", response=list[ConferenceOut])
def conferences(request: HttpRequest, upcoming: bool = False) -> Any:
    """Conferences the user may see; only those to come with `upcoming=true`."""
    qs = upcoming_conferences(request.user) if upcoming else conference_list(request.user)
    return [_out(c) for c in qs[:500]]


@router.post("/conferences", response={201: ConferenceDetailOut})
def conference_create(request: HttpRequest, payload: ConferenceIn) -> Any:
    committee = get_object_or_404(Organisation, pk=payload.committee_id)
    conference = services.conference_create(
        committee=committee,
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.starts_at,
        place=payload.place,
        online_link=payload.online_link,
        chair_title=payload.chair_title,
        secretary=payload.secretary,
        by=actor_of(request),
    )
    return Status(201, conference_detail(request, conference.pk))


@router.get("/conferences/{conference_id}", response=ConferenceDetailOut)
def conference_detail(request: HttpRequest, conference_id: int) -> Any:
    conference = get_conference_for_user(request.user, conference_id)
    return {
        **_out(conference),
        "agenda": list(conference.agenda.all()),
        "attendance_counts": attendance_counts(conference),
    }


def _invitation(invitation: Invitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "person": invitation.person.full_name if invitation.person else None,
        "organisation_id": invitation.organisation_id,
        "organisation": invitation.organisation.name if invitation.organisation else None,
        "position_text": invitation.position_text,
        "attendance": invitation.attendance,
    }


@router.get("/conferences/{conference_id}/attendance", response=list[InvitationOut])
def attendance(request: HttpRequest, conference_id: int) -> Any:
    conference = get_conference_for_user(request.user, conference_id)
    return [_invitation(i) for i in conference.invitations.all()]


@router.put("/conferences/{conference_id}/attendance", response=list[InvitationOut])
def attendance_record(request: HttpRequest, conference_id: int, payload: AttendanceIn) -> Any:
    """Set attendance (present, excused, absent, unknown) by invitation id."""
    conference = get_conference_for_user(request.user, conference_id)
    services.attendance_record(
        conference=conference, attendance=payload.attendance, by=actor_of(request)
    )
    return [_invitation(i) for i in conference.invitations.all()]


def _conclusion(conference: Conference) -> dict[str, Any]:
    conclusion = conclusion_of(conference)
    if conclusion is None:
        raise Http404(_("This conference has no conclusion yet."))
    return {
        "preamble": conclusion.preamble,
        "number": format_number(conclusion.number) if conclusion.number else None,
        "issued_on": conclusion.issued_on,
        "signer": " ".join(p for p in (conclusion.signer_authority, conclusion.signer_name) if p),
        "items": [
            {
                "id": item.pk,
                "label": item.label,
                "number": item.number,
                "parent_id": item.parent_id,
                "text": item.text,
                "task_id": item.task_id,
            }
            for item in conclusion_items(conclusion)
        ],
    }


@router.get("/conferences/{conference_id}/conclusion", response=ConclusionOut)
def conclusion(request: HttpRequest, conference_id: int) -> Any:
    return _conclusion(get_conference_for_user(request.user, conference_id))


@router.put("/conferences/{conference_id}/conclusion", response=ConclusionOut)
def conclusion_write(request: HttpRequest, conference_id: int, payload: ConclusionIn) -> Any:
    conference = get_conference_for_user(request.user, conference_id)
    services.conclusion_write(
        conference=conference,
        preamble=payload.preamble,
        items=[services.ItemText(i.text, list(i.subitems)) for i in payload.items],
        by=actor_of(request),
    )
    return _conclusion(conference)


@router.post(
    "/conferences/{conference_id}/conclusion/items/{item_id}/task",
    response={201: TaskCreatedOut},
)
def item_to_task(request: HttpRequest, conference_id: int, item_id: int) -> Any:
    """Make a conclusion item a task (once); the office completes it before publishing."""
    conference = get_conference_for_user(request.user, conference_id)
    item = get_object_or_404(ConclusionItem, pk=item_id, conclusion__conference=conference)
    task = services.item_to_task(item=item, by=actor_of(request))
    return Status(201, {"task_id": task.pk, "source_reference": task.source_reference})
