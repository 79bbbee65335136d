"""Conference pages: list, plan, edit, the conference page itself, agenda, delegates, state,
minutes, the calendar feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts import throttle
from dangvu.accounts.services import calendar_feed_user
from dangvu.core import locking, policy
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.documents.conversion import soffice_path
from dangvu.documents.numbering import format_number
from dangvu.meetings import papers, services
from dangvu.meetings.calendar import ics_feed
from dangvu.meetings.enums import Attendance, ConferenceState
from dangvu.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    ConferenceForm,
    DelegatesForm,
    InvitationForm,
    MinutesForm,
)
from dangvu.meetings.models import Conference
from dangvu.meetings.permissions import can_create_conferences
from dangvu.meetings.selectors import (
    attendance_counts,
    conclusion_items,
    conclusion_of,
    conference_list,
    get_conference_for_user,
    upcoming_conferences,
)
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_manageable_by

from ._common import _detail_url, _edit_page, _post_action


@login_required
def conference_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/conference_list.html",
        {
            "upcoming": upcoming_conferences(request.user),
            "conferences": conference_list(request.user)[:100],
            "can_create": can_create_conferences(request.user),
        },
    )


@login_required
def conference_create_view(request: HttpRequest) -> HttpResponse:
    committees = organisations_manageable_by(request.user)
    if not committees.exists():
        raise PermissionDenied(_("Only the committee's office staff may plan its conferences."))
    form = ConferenceForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(by=actor_of(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conference has been planned."))
            return redirect(_detail_url(conference))
    return render_form_page(request, form, _("New conference"), reverse("meetings:list"))


@login_required
def conference_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _edit_page(request, pk)
    committees = Organisation.objects.filter(pk=conference.committee_id)
    initial = {
        "committee": conference.committee,
        "kind": conference.kind,
        "title": conference.title,
        "starts_at": timezone.localtime(conference.starts_at),
        "place": conference.place,
        "online_link": conference.online_link,
        "chair": conference.chair,
        "chair_title": conference.chair_title,
        "secretary": conference.secretary,
    }
    form = ConferenceForm(request.POST or None, initial=initial, committees=committees)
    form.fields["committee"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "committee"}
        try:
            services.conference_update(conference=conference, by=actor_of(request), **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conference has been updated."))
            return redirect(_detail_url(conference))
    return render_form_page(request, form, _("Edit the conference"), _detail_url(conference))


def _detail_context(
    request: HttpRequest,
    conference: Conference,
    *,
    invitation_form: InvitationForm | None = None,
    attendance_form: AttendanceForm | None = None,
) -> dict[str, Any]:
    """The conference page; a refused invitation or attendance form comes back bound, with
    what was typed and the message beside its field."""
    editable = policy.allowed(request.user, "conference.edit", conference)
    invitations = list(conference.invitations.select_related("person", "organisation"))
    conclusion = conclusion_of(conference)
    if attendance_form is None:
        attendance_form = AttendanceForm(invitations=invitations)
    counts = attendance_counts(conference)
    context: dict[str, Any] = {
        "conference": conference,
        "editable": editable and conference.state != ConferenceState.CLOSED,
        "can_edit": editable,
        "agenda": list(conference.agenda.all()),
        "invitations": invitations,
        "counts": [(label, counts[value]) for value, label in Attendance.choices],
        "conclusion": conclusion,
        "items": conclusion_items(conclusion) if conclusion else [],
        "notice_number": format_number(conclusion.number)
        if conclusion and conclusion.number
        else "",
        "agenda_form": AgendaItemForm(committee=conference.committee),
        "delegates_form": DelegatesForm(
            committee=conference.committee,
            initial={"delegates": list(conference.delegates.all())},
        ),
        "can_delegate": policy.allowed(request.user, "conference.delegate", conference),
        "invitation_form": invitation_form
        or InvitationForm(committee=conference.committee, day=services.conference_day(conference)),
        "attendance_form": attendance_form,
        "attendance_rows": [
            (
                invitation,
                attendance_form[f"attendance-{invitation.pk}"],
                attendance_form[f"reason-{invitation.pk}"],
            )
            for invitation in invitations
        ],
        "pdf_available": soffice_path() is not None,
        "papers_registered": {
            kind: papers.paper_entry(conference, code) for kind, code in papers.REGISTERED.items()
        },
    }
    context["items_without_task"] = any(item.task_id is None for item in context["items"])
    return context


@login_required
def conference_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    return render(request, "meetings/conference_detail.html", _detail_context(request, conference))


@login_required
@require_POST
def delegates_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    form = DelegatesForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Choose the delegates among the committee's people."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.conference_delegates_set(
            conference=conference, users=form.cleaned_data["delegates"], by=actor_of(request)
        ),
        _("The chair's delegates have been saved."),
    )


@login_required
@require_POST
def agenda_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    form = AgendaItemForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Give the agenda item a title."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.agenda_item_add(
            conference=conference, by=actor_of(request), **form.cleaned_data
        ),
        _("The agenda item has been added."),
    )


def _state_step(request: HttpRequest, pk: int, service: Any, done: str) -> HttpResponse:
    """A step of the conference's state (held, closed): one POST, one service, one message."""
    conference = get_conference_for_user(request.user, pk)
    return _post_action(
        request, conference, lambda: service(conference=conference, by=actor_of(request)), done
    )


@login_required
@require_POST
def held_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_step(
        request, pk, services.conference_mark_held, _("The conference is marked as held.")
    )


@login_required
@require_POST
def close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_step(request, pk, services.conference_close, _("The conference is closed."))


@login_required
def minutes_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    conference = _edit_page(request, pk)
    item = get_object_or_404(conference.agenda, pk=item_pk)
    initial = {
        "discussion": item.discussion,
        "outcome_kind": item.outcome_kind,
        "outcome": item.outcome,
        "base_revision": item.revisions.count(),
    }
    form = MinutesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_record(item=item, by=actor_of(request), **form.cleaned_data)
        except locking.EditConflict as error:
            # 409, what was typed kept; saving again now is a deliberate overwrite
            add_service_errors(form, error)
            data = request.POST.copy()
            data["base_revision"] = str(item.revisions.count())
            form.data = data
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(_detail_url(conference))
    return render(
        request,
        "meetings/minutes.html",
        {
            "conference": conference,
            "item": item,
            "form": form,
            "revisions": item.revisions.select_related("written_by"),
        },
        status=status,
    )


def calendar_ics_view(request: HttpRequest) -> HttpResponse:
    """The .ics feed. A calendar program has no session: it subscribes with the user's calendar
    address (`?feed=dvc_…`, made on the account page), a read-only secret that opens this feed
    and nothing else. An API token is not accepted here."""
    user = request.user if request.user.is_authenticated else None
    secret = request.GET.get("feed", "")
    if user is None and secret:
        if throttle.address_locked(request):
            return HttpResponse(throttle.lockout_message(), status=429)
        user = calendar_feed_user(secret)
        if user is None:
            throttle.bad_secret(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    conferences = list(upcoming_conferences(user))
    body = ics_feed(
        conferences,
        host=request.get_host().split(":")[0],
        url_for={c.pk: request.build_absolute_uri(_detail_url(c)) for c in conferences},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hoi-nghi.ics"'
    return response
