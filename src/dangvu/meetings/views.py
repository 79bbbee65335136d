"""Conference pages: thin views over the services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import HiddenInput
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import throttle
from dangvu.accounts.services import calendar_feed_user
from dangvu.assignments import conclusion_import
from dangvu.assignments.forms import ConclusionReviewForm, ConclusionTaskFormSet
from dangvu.core import locking, policy
from dangvu.core.exports import csv_writer
from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.documents.background import convert_later
from dangvu.documents.conversion import soffice_path
from dangvu.documents.numbering import format_number
from dangvu.documents.rendering import PartyDocument, render_docx
from dangvu.meetings import papers, services
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


def _edit_page(request: HttpRequest, pk: int) -> Conference:
    """The conference for a page that is only an edit form: 404 when the user may not read it,
    403 when the user reads it but may not edit it (the service decides again on saving)."""
    conference = get_conference_for_user(request.user, pk)
    if not policy.allowed(request.user, "conference.edit", conference):
        raise PermissionDenied(services.EDIT_REFUSAL)
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


@login_required
def conference_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    editable = policy.allowed(request.user, "conference.edit", conference)
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
        "can_delegate": policy.allowed(request.user, "conference.delegate", conference),
        "invitation_form": InvitationForm(committee=conference.committee),
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


@login_required
@require_POST
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    form = InvitationForm(request.POST, committee=conference.committee)
    if not form.is_valid():
        messages.error(request, _("Choose a person or an organisation to invite."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.invitation_add(
            conference=conference, by=actor_of(request), **form.cleaned_data
        ),
        _("The invitation has been added."),
    )


@login_required
@require_POST
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    form = AttendanceForm(request.POST, invitations=list(conference.invitations.all()))
    if not form.is_valid():
        messages.error(request, _("Unknown attendance category."))
        return redirect(_detail_url(conference))
    return _post_action(
        request,
        conference,
        lambda: services.attendance_record(
            conference=conference,
            attendance=form.values(),
            reasons=form.reasons(),
            by=actor_of(request),
        ),
        _("Attendance has been recorded."),
    )


@login_required
@require_POST
def send_invitations_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    try:
        sent = services.invitations_send(conference=conference, by=actor_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)d invitations sent by e-mail.") % {"count": sent})
    return redirect(_detail_url(conference))


@login_required
@require_POST
def held_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    return _post_action(
        request,
        conference,
        lambda: services.conference_mark_held(conference=conference, by=actor_of(request)),
        _("The conference is marked as held."),
    )


@login_required
@require_POST
def close_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    return _post_action(
        request,
        conference,
        lambda: services.conference_close(conference=conference, by=actor_of(request)),
        _("The conference is closed."),
    )


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


@login_required
def conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _edit_page(request, pk)
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
                by=actor_of(request),
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
    conference = _edit_page(request, pk)
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
                number=data["number"],
                confidentiality=data["confidentiality"] or "",
                urgency=data["urgency"] or "",
                by=actor_of(request),
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
    # LibreOffice takes seconds: the worker converts it (documents.background)
    return convert_later(
        request,
        docx=_notice_bytes(conclusion),
        pdf_name=_notice_filename(conclusion, "pdf"),
        back_url=_detail_url(conference),
    )


@login_required
def paper_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The conference's papers as DOCX (meetings.papers): the giấy mời, one letter per
    addressee in a ZIP, the delegate list, the biên bản."""
    conference = get_conference_for_user(request.user, pk)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    builders: dict[str, Callable[[Conference], PartyDocument]] = {
        "giay-moi": papers.invitation_letter,
        "danh-sach-dai-bieu": papers.delegate_list,
        "bien-ban": papers.minutes_document,
    }
    if kind == "giay-moi-tung-don-vi":
        response = HttpResponse(papers.letters_zip(conference), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="giay-moi-{conference.pk}.zip"'
        return response
    if kind not in builders:
        raise Http404
    response = HttpResponse(render_docx(builders[kind](conference)), content_type=docx_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{conference.pk}.docx"'
    return response


@login_required
@require_POST
def paper_register_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    conference = _edit_page(request, pk)
    try:
        entry = services.paper_register(conference=conference, kind=kind, by=actor_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Recorded as Số %(number)s.") % {"number": entry})
    return redirect(_detail_url(conference))


@login_required
@require_POST
def item_task_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    item = get_object_or_404(ConclusionItem, pk=item_pk, conclusion=conclusion)
    try:
        task = services.item_to_task(item=item, by=actor_of(request))
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


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_tasks_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The items of the conclusion into tasks through the same reading and review screen as a
    pasted conclusion: each row prefilled (lead, coordinating units, deadline, product, matched to
    the units of the conference's day), the accepting authority set once (the committee by
    default); "Create tasks" makes them all or none, each traced to its item."""
    conference = _edit_page(request, pk)
    conclusion = _conclusion_or_404(conference)
    day = services.conference_day(conference)
    committee = conference.committee
    committees = Organisation.objects.filter(pk=committee.pk)
    units = conclusion_import.units_for(committee, day)
    review = conclusion_import.review_items(
        preamble=conclusion.preamble,
        items=services.conclusion_items_for_review(conclusion),
        committee=committee,
        day=day,
    )
    status = 200
    if request.method == "POST":
        review_form = ConclusionReviewForm(request.POST, committees=committees, units=units)
        formset = ConclusionTaskFormSet(request.POST, form_kwargs={"units": units})
        if review_form.is_valid() and formset.is_valid():
            rows = [
                form.cleaned_data | {"number": number}
                for number, form in enumerate(formset.forms, start=1)
                if form.cleaned_data.get("include")
            ]
            try:
                tasks = services.conclusion_tasks_create(
                    conclusion=conclusion,
                    rows=rows,
                    authority=review_form.cleaned_data.get("authority"),
                    by=actor_of(request),
                )
            except ValidationError as error:
                review_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Created %(count)d task(s) from the conclusion.") % {"count": len(tasks)},
                )
                return redirect(_detail_url(conference))
        status = 400
    else:
        review_form = ConclusionReviewForm(
            committees=committees,
            units=units,
            initial={
                "committee": committee,
                "source_text": review.text,
                "source_reference": services.conclusion_reference(conclusion),
                "issued_on": day,
                "authority": committee,
            },
        )
        formset = ConclusionTaskFormSet(initial=review.rows, form_kwargs={"units": units})
    # The day and the reference are the conference's: shown, not edited.
    review_form.fields["issued_on"].widget = HiddenInput()
    review_form.fields["source_reference"].widget = HiddenInput()
    context = {
        "review_form": review_form,
        "formset": formset,
        "rows": list(zip(formset.forms, review.rows, strict=False)),
        "review": review,
        "day": day,
        "conference": conference,
        "action_url": reverse("meetings:conclusion_tasks", args=[conference.pk]),
    }
    return render(request, "assignments/conclusion_review.html", context, status=status)
