"""Conference pages: thin views over the services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts.services import api_token_authenticate
from dangvu.core import locking
from dangvu.core.exports import csv_writer
from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.numbering import format_number
from dangvu.documents.rendering import render_docx
from dangvu.meetings import services
from dangvu.meetings.calendar import ics_feed
from dangvu.meetings.enums import Attendance, ConferenceState, SignerAuthority
from dangvu.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    ConclusionForm,
    ConferenceForm,
    DelegatesForm,
    InvitationForm,
    MinutesForm,
    NoticeForm,
)
from dangvu.meetings.models import Conclusion, ConclusionItem, Conference
from dangvu.meetings.notice import notice_document
from dangvu.meetings.permissions import can_create_conferences, can_delegate, can_edit_conference
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


def _editable(request: HttpRequest, pk: int) -> Conference:
    """The conference for an edit: 404 when the user may not see it, 403-as-404 otherwise too
    (a reader has no business on an edit URL)."""
    conference = get_conference_for_user(request.user, pk)
    if not can_edit_conference(request.user, conference):
        raise Http404(_("No such conference."))
    return conference


def _detail_url(conference: Conference) -> str:
    return reverse("meetings:detail", args=[conference.pk])


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
        raise Http404(_("You cannot create conferences."))
    form = ConferenceForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conference has been planned."))
            return redirect(_detail_url(conference))
    return render_form_page(request, form, _("New conference"), reverse("meetings:list"))


@login_required
def conference_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
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
            services.conference_update(conference=conference, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conference has been updated."))
            return redirect(_detail_url(conference))
    return render_form_page(request, form, _("Edit the conference"), _detail_url(conference))


@login_required
def conference_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    editable = can_edit_conference(request.user, conference)
    invitations = list(conference.invitations.all())
    conclusion = conclusion_of(conference)
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
        "can_delegate": can_delegate(request.user, conference),
        "invitation_form": InvitationForm(committee=conference.committee),
        "attendance_rows": [
            (invitation, attendance_form[f"attendance-{invitation.pk}"])
            for invitation in invitations
        ],
        "pdf_available": soffice_path() is not None,
    }
    return render(request, "meetings/conference_detail.html", context)


def _post_action(
    request: HttpRequest, conference: Conference, action: Any, done: str
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(conference))


@login_required
@require_POST
def delegates_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    if not can_delegate(request.user, conference):
        raise Http404(_("No such conference."))
    form = DelegatesForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Choose the delegates among the committee's people."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.conference_delegates_set(
            conference=conference, users=form.cleaned_data["delegates"], by=request.user
        ),
        _("The chair's delegates have been saved."),
    )


@login_required
@require_POST
def agenda_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    form = AgendaItemForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Give the agenda item a title."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.agenda_item_add(
            conference=conference, by=request.user, **form.cleaned_data
        ),
        _("The agenda item has been added."),
    )


@login_required
@require_POST
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    form = InvitationForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Choose a person or an organisation to invite."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.invitation_add(
            conference=conference, by=request.user, **form.cleaned_data
        ),
        _("The invitation has been added."),
    )


@login_required
@require_POST
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    form = AttendanceForm(request.POST, invitations=list(conference.invitations.all()))
    if not form.is_valid():
        messages.error(request, _("Unknown attendance category."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.attendance_record(
            conference=conference, attendance=form.values(), by=request.user
        ),
        _("Attendance has been recorded."),
    )


@login_required
@require_POST
def send_invitations_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    try:
        sent = services.invitations_send(conference=conference, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)d invitations sent by e-mail.") % {"count": sent})
    return redirect(_detail_url(conference))


@login_required
@require_POST
def held_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    return _post_action(
        request,
        conference,
        lambda: services.conference_mark_held(conference=conference, by=request.user),
        _("The conference is marked as held."),
    )


@login_required
@require_POST
def close_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    return _post_action(
        request,
        conference,
        lambda: services.conference_close(conference=conference, by=request.user),
        _("The conference is closed."),
    )


@login_required
def minutes_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    conference = _editable(request, pk)
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
            services.minutes_record(item=item, by=request.user, **form.cleaned_data)
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


@login_required
def conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    conclusion = conclusion_of(conference)
    initial = {}
    if conclusion is not None:
        initial = {
            "preamble": conclusion.preamble,
            "items": services.items_as_text(conclusion_items(conclusion)),
        }
    form = ConclusionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conclusion_write(
                conference=conference,
                preamble=form.cleaned_data["preamble"],
                items=services.parse_items(form.cleaned_data["items"]),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conclusion has been saved."))
            return redirect(_detail_url(conference))
    return render_form_page(request, form, _("Conclusion"), _detail_url(conference))


def _conclusion_or_404(conference: Conference) -> Conclusion:
    conclusion = conclusion_of(conference)
    if conclusion is None:
        raise Http404(_("This conference has no conclusion yet."))
    return conclusion


@login_required
def issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    conclusion = _conclusion_or_404(conference)
    initial = {
        "signer_authority": SignerAuthority.ON_BEHALF,
        "signer_title": conference.chair_title,
        "signer_name": conference.chair.full_name if conference.chair else "",
        "issued_on": timezone.localdate(),
        "recipients": "Thường trực Quận ủy\nCác cơ quan, đơn vị dự hội nghị\nLưu VP.",
    }
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.notice_issue(
                conclusion=conclusion,
                signer_authority=data["signer_authority"],
                signer_title=data["signer_title"],
                signer_name=data["signer_name"],
                recipients=data["recipients"].splitlines(),
                issued_on=data["issued_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The notice has been issued."))
            return redirect(_detail_url(conference))
    return render_form_page(
        request, form, _("Issue the conclusion notice"), _detail_url(conference)
    )


def _notice_bytes(conclusion: Conclusion) -> bytes:
    if conclusion.notice_docx:
        return bytes(conclusion.notice_docx)
    return render_docx(notice_document(conclusion))  # the draft, unnumbered


def _notice_filename(conclusion: Conclusion, extension: str) -> str:
    if conclusion.number is not None:
        return f"thong-bao-{conclusion.number.number}-TB-{conclusion.number.year}.{extension}"
    return f"du-thao-thong-bao-ket-luan-{conclusion.conference_id}.{extension}"


@login_required
def notice_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    response = HttpResponse(
        _notice_bytes(conclusion),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = attachment_header(_notice_filename(conclusion, "docx"))
    return response


@login_required
def notice_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    pdf = convert_to_pdf(_notice_bytes(conclusion))
    if pdf is None:
        raise Http404(_("PDF conversion is not available on this server."))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = attachment_header(_notice_filename(conclusion, "pdf"))
    return response


@login_required
@require_POST
def item_task_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    conference = _editable(request, pk)
    conclusion = _conclusion_or_404(conference)
    item = get_object_or_404(ConclusionItem, pk=item_pk, conclusion=conclusion)
    try:
        task = services.item_to_task(item=item, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_detail_url(conference))
    messages.success(
        request,
        _("Task created from item %(label)s; complete it before publishing.")
        % {"label": item.label},
    )
    return redirect(reverse("assignments:detail", args=[task.pk]))


@login_required
def attendance_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_header(f"diem-danh-{conference.pk}.csv")
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv_writer(response)  # no live formula from an invitee's name
    writer.writerow([_("No."), _("Invitee"), _("Invited as"), _("Attendance")])
    labels = dict(Attendance.choices)
    for number, invitation in enumerate(conference.invitations.all(), 1):
        writer.writerow(
            [
                number,
                str(invitation.person or invitation.organisation),
                invitation.position_text,
                str(labels[invitation.attendance]),
            ]
        )
    return response


def calendar_ics_view(request: HttpRequest) -> HttpResponse:
    """The .ics feed. A calendar program has no session: it may subscribe with the user's API
    token in the address (`?token=dv_…`, made on the account page)."""
    user = request.user if request.user.is_authenticated else None
    if user is None and request.GET.get("token"):
        user = api_token_authenticate(request.GET["token"])
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
