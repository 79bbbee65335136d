"""Invitations (many organisations and persons at once), attendance per invitee with the
reason of an absence, sending by e-mail (a reason whenever nothing goes), the attendance list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core.exports import csv_writer
from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.policy import actor_of
from dangvu.meetings import services
from dangvu.meetings.enums import Attendance
from dangvu.meetings.forms import (
    AttendanceForm,
    InvitationForm,
)
from dangvu.meetings.selectors import (
    get_conference_for_user,
)

from ._common import _detail_url, _edit_page
from .conferences import _detail_context


@login_required
@require_POST
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite several organisations and persons at once; refused, the page comes back with the
    choices kept and the reason beside the field."""
    conference = _edit_page(request, pk)
    form = InvitationForm(
        request.POST, committee=conference.committee, day=services.conference_day(conference)
    )
    if form.is_valid():
        try:
            outcome = services.invitations_add(
                conference=conference, by=actor_of(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if len(outcome.created) == 1:
                messages.success(request, _("The invitation has been added."))
            else:
                messages.success(
                    request,
                    _("%(count)d invitation(s) added.") % {"count": len(outcome.created)},
                )
            if outcome.skipped:
                messages.info(
                    request,
                    _("Already invited, left as they were: %(names)s.")
                    % {"names": ", ".join(outcome.skipped)},
                )
            return redirect(_detail_url(conference))
    context = _detail_context(request, conference, invitation_form=form)
    return render(request, "meetings/conference_detail.html", context, status=400)


@login_required
@require_POST
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance per invitee (a person invited by name, or an organisation), with the reason
    of an absence; refused, every choice and reason typed comes back."""
    conference = _edit_page(request, pk)
    form = AttendanceForm(request.POST, invitations=list(conference.invitations.all()))
    if form.is_valid():
        try:
            services.attendance_record(
                conference=conference,
                attendance=form.values(),
                reasons=form.reasons(),
                by=actor_of(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect(_detail_url(conference))
    context = _detail_context(request, conference, attendance_form=form)
    return render(request, "meetings/conference_detail.html", context, status=400)


@login_required
@require_POST
def send_invitations_view(request: HttpRequest, pk: int) -> HttpResponse:
    """E-mail the invitations. When nothing can be sent the page says why, as a warning (never
    "0 sent" as a success); when some could not be sent it says which."""
    conference = get_conference_for_user(request.user, pk)
    reasons = services.unsent_reasons(conference)
    try:
        sent = services.invitations_send(conference=conference, by=actor_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_detail_url(conference))
    if sent:
        messages.success(
            request,
            _(
                "%(count)d invitations sent: by e-mail to the persons, in-app and in the e-mail "
                "digest to the people of the invited organisations."
            )
            % {"count": sent},
        )
        for reason in reasons:
            messages.info(request, reason)
    else:
        messages.warning(
            request,
            " ".join([str(_("No invitation was sent by e-mail.")), *reasons]),
        )
    return redirect(_detail_url(conference))


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
