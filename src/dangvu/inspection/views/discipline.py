"""Discipline records: sensitive. Lists and pages read through the logged selectors; a user
who may not read a record gets a 404 (its existence is private)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.http import render_form_page
from dangvu.inspection import services
from dangvu.inspection.forms import (
    ComplaintDecisionForm,
    ComplaintForm,
    DisciplineRecordForm,
    issuers_for,
)
from dangvu.inspection.models import Complaint
from dangvu.inspection.selectors import discipline_list, get_discipline_for_user
from dangvu.inspection.views.common import add_errors, report_errors


def _detail(pk: int) -> str:
    return reverse("inspection:discipline", args=[pk])


@login_required
def discipline_list_view(request: HttpRequest) -> HttpResponse:
    if not policy.allowed(request.user, "inspection.use"):
        raise Http404(_("No such page."))
    return render(
        request,
        "inspection/discipline_list.html",
        {
            "records": discipline_list(request.user),
            "can_create": issuers_for(request.user).exists(),
        },
    )


@login_required
def discipline_create_view(request: HttpRequest) -> HttpResponse:
    if not issuers_for(request.user).exists():
        raise PermissionDenied(_("You may not record discipline decisions."))
    form = DisciplineRecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.discipline_record_create(
                by=policy.actor_of(request), **form.cleaned_data
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The discipline decision has been recorded."))
            return redirect(_detail(record.pk))
    return render_form_page(
        request, form, _("New discipline record"), reverse("inspection:discipline_list")
    )


@login_required
def discipline_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_discipline_for_user(request.user, pk)
    complaints = list(record.complaints.all())
    return render(
        request,
        "inspection/discipline_detail.html",
        {
            "record": record,
            "complaints": [
                (
                    c,
                    ComplaintDecisionForm(initial={"decided_on": today()})
                    if c.outcome == "pending"
                    and policy.allowed(request.user, "complaint.decide", c)
                    else None,
                )
                for c in complaints
            ],
            "complaint_form": ComplaintForm(initial={"lodged_on": today()}),
        },
    )


@login_required
@require_POST
def complaint_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_discipline_for_user(request.user, pk)
    form = ComplaintForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(_detail(record.pk))
    try:
        services.complaint_lodge(record=record, by=policy.actor_of(request), **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The complaint has been recorded."))
    return redirect(_detail(record.pk))


@login_required
@require_POST
def complaint_decide_view(request: HttpRequest, pk: int, complaint_pk: int) -> HttpResponse:
    record = get_discipline_for_user(request.user, pk)
    complaint = Complaint.objects.filter(record=record, pk=complaint_pk).first()
    if complaint is None:
        raise Http404(_("No such complaint."))
    form = ComplaintDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(_detail(record.pk))
    try:
        services.complaint_decide(
            complaint=complaint, by=policy.actor_of(request), **form.cleaned_data
        )
    except (ValidationError, PermissionDenied) as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The outcome of the complaint has been recorded."))
    return redirect(_detail(record.pk))
