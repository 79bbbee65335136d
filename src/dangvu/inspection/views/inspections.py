"""An inspection from its decision to its conclusion; documents; recommendations as tasks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.http import as_of, render_form_page
from dangvu.documents.rendering import render_docx
from dangvu.inspection import services
from dangvu.inspection.enums import InspectionState
from dangvu.inspection.forms import (
    AttachForm,
    ConclusionForm,
    DecisionForm,
    InspectionFilterForm,
    StepForm,
    issuers_for,
)
from dangvu.inspection.models import Inspection
from dangvu.inspection.notice import conclusion_document, decision_document
from dangvu.inspection.selectors import (
    InspectionFilters,
    discipline_count_after,
    get_attachment_for_user,
    get_inspection_for_user,
    inspection_actions,
    inspections_visible_to,
    planned_items_for,
    recommendation_lines,
    recommendations_visible_to,
    step_lines,
)
from dangvu.inspection.services import SubjectData
from dangvu.inspection.views.common import add_errors, report_errors, uploads

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def _detail(inspection: Inspection) -> str:
    return reverse("inspection:detail", args=[inspection.pk])


@login_required
def inspection_list_view(request: HttpRequest) -> HttpResponse:
    if not policy.allowed(request.user, "inspection.use"):
        raise Http404(_("No such page."))
    form = InspectionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = InspectionFilters(
        kind=data.get("kind") or "", state=data.get("state") or "", year=data.get("year")
    )
    return render(
        request,
        "inspection/inspection_list.html",
        {
            "form": form,
            "inspections": inspections_visible_to(request.user, filters)[:200],
            "can_create": issuers_for(request.user).exists(),
        },
    )


@login_required
def inspection_create_view(request: HttpRequest) -> HttpResponse:
    if not issuers_for(request.user).exists():
        raise PermissionDenied(_("You may not decide inspections."))
    initial: dict[str, Any] = {}
    item_id = request.GET.get("item", "")
    if item_id.isdigit():
        item = planned_items_for(request.user).filter(pk=int(item_id)).first()
        if item is not None:
            initial = {
                "issuer": item.programme.issuer,
                "kind": item.kind,
                "planned_item": item,
                "title": item.content[:300],
                "content": item.content,
                "period_text": item.period_text,
                "subject_organisations": [] if item.subject_member else [item.subject_organisation],
                "subject_members": item.subject_member,
                "member_organisation": item.subject_organisation if item.subject_member else None,
            }
    form = DecisionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subjects = [SubjectData(organisation=o) for o in data["subject_organisations"]]
        subjects += [
            SubjectData(organisation=data["member_organisation"], member_name=name)
            for name in data["member_names"]
        ]
        try:
            inspection = services.inspection_decide(
                issuer=data["issuer"],
                kind=data["kind"],
                planned_item=data["planned_item"],
                title=data["title"],
                content=data["content"],
                period_text=data["period_text"],
                decided_on=data["decided_on"],
                leader=data["leader"],
                members=data["members"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                subject_report_due=data["subject_report_due"],
                team_report_due=data["team_report_due"],
                conclusion_due=data["conclusion_due"],
                subjects=subjects,
                by=policy.actor_of(request),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            if hasattr(error, "error_dict") and "subjects" in error.error_dict:
                error.error_dict["subject_organisations"] = error.error_dict.pop("subjects")
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Decision no. %(number)s recorded.") % {"number": inspection.decision_number},
            )
            return redirect(_detail(inspection))
    return render_form_page(
        request, form, _("New inspection or supervision"), reverse("inspection:list")
    )


@login_required
def inspection_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    actions = inspection_actions(request.user, inspection)
    context = {
        "inspection": inspection,
        "actions": actions,
        "steps": step_lines(inspection),
        "subjects": list(inspection.subjects.all()),
        "recommendations": recommendation_lines(inspection.recommendations.all()),
        "attach_form": AttachForm(steps=actions.attach_steps) if actions.attach_steps else None,
        "discipline_count": discipline_count_after(request.user, inspection),
    }
    return render(request, "inspection/inspection_detail.html", context)


def _step_view(
    request: HttpRequest,
    pk: int,
    *,
    service: Any,
    title: str,
    done: str,
) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    form = StepForm(request.POST or None, request.FILES or None, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service(
                inspection=inspection,
                on=data["on"],
                note=data["note"],
                files=uploads(data["documents"]),
                by=policy.actor_of(request),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_detail(inspection))
    return render(
        request,
        "inspection/step_form.html",
        {"form": form, "title": title, "inspection": inspection, "cancel_url": _detail(inspection)},
    )


@login_required
def subject_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        service=services.subject_report_record,
        title=_("The subject's report"),
        done=_("The subject's report has been recorded."),
    )


@login_required
def team_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        service=services.team_report_record,
        title=_("The team's report"),
        done=_("The team's report has been recorded."),
    )


@login_required
def conclude_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    form = ConclusionForm(
        request.POST or None,
        request.FILES or None,
        inspection=inspection,
        initial={"on": today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.conclusion_issue(
                inspection=inspection,
                on=data["on"],
                text=data["text"],
                violations=[s.pk for s in data["violations"]],
                recommendations=data["recommendations"],
                signer_authority=data["signer_authority"],
                signer_title=data["signer_title"],
                signer_name=data["signer_name"],
                recipients=data["recipients"],
                files=uploads(data["documents"]),
                by=policy.actor_of(request),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Conclusion notice no. %(number)s issued.")
                % {"number": inspection.conclusion_number},
            )
            return redirect(_detail(inspection))
    return render(
        request,
        "inspection/step_form.html",
        {
            "form": form,
            "title": pgettext("inspection", "Conclusion"),
            "inspection": inspection,
            "cancel_url": _detail(inspection),
        },
    )


@login_required
@require_POST
def attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    actions = inspection_actions(request.user, inspection)
    form = AttachForm(request.POST, request.FILES, steps=actions.attach_steps)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(_detail(inspection))
    try:
        made = services.attachments_add(
            inspection=inspection,
            step=form.cleaned_data["step"],
            files=uploads(form.cleaned_data["documents"]),
            by=policy.actor_of(request),
        )
    except (ValidationError, PermissionDenied) as error:
        report_errors(request, error)
    else:
        messages.success(request, _("%(n)d documents attached.") % {"n": len(made)})
    return redirect(_detail(inspection))


@login_required
@require_POST
def follow_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    try:
        made = services.recommendations_follow(inspection=inspection, by=policy.actor_of(request))
    except (ValidationError, PermissionDenied) as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("%(n)d recommendations are now follow-up tasks.") % {"n": len(made)}
        )
    return redirect(_detail(inspection))


@login_required
def attachment_download_view(request: HttpRequest, pk: int) -> FileResponse:
    """A document, only to those who may read its inspection; always as a download."""
    attachment = get_attachment_for_user(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def conclusion_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    if inspection.state != InspectionState.CONCLUDED:
        raise Http404(_("This inspection has no conclusion yet."))
    response = HttpResponse(
        render_docx(conclusion_document(inspection)), content_type=CONTENT_TYPES["docx"]
    )
    number = str(inspection.conclusion_number).replace("/", "-")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"ket-luan-{number}.docx") or ""
    )
    return response


@login_required
def decision_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request.user, pk)
    response = HttpResponse(
        render_docx(decision_document(inspection)), content_type=CONTENT_TYPES["docx"]
    )
    number = str(inspection.decision_number).replace("/", "-")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"quyet-dinh-{number}.docx") or ""
    )
    return response


@login_required
def recommendations_view(request: HttpRequest) -> HttpResponse:
    """The commission's view of the follow-up: each recommendation, its task and whether it was
    carried out on time (as of today or `?on=`)."""
    if not policy.allowed(request.user, "inspection.use"):
        raise Http404(_("No such page."))
    day, error = as_of(request)
    if error:
        messages.warning(request, error)
    lines = recommendation_lines(recommendations_visible_to(request.user)[:500], day)
    followed = [line for line in lines if line.status is not None]
    return render(
        request,
        "inspection/recommendations.html",
        {
            "lines": lines,
            "on": day,
            "on_time": sum(1 for line in followed if line.on_time),
            "followed": len(followed),
        },
    )
