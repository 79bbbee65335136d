"""Task follow-up actions: progress, and one table-driven view for the others (propose, accept,
return, deadline, suspend, resume, followers, split: the rows of `action_table.FOLLOW_UPS`).

`task_follow_up` runs any of them: the service decides (a user
who may not act gets its refusal as 403; a task the user may not read, 404). With HTMX, success
swaps the task's body (status, facts, boxes) and its timeline; a refusal swaps back only the
action's box, with the message beside the field and what was typed (status 422; 400 with the
whole page without HTMX)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.assignments import permissions, selectors, services
from dangvu.assignments.evidence import read_upload
from dangvu.assignments.forms import ProgressReportForm
from dangvu.core import policy
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_page_or_partial
from dangvu.core.policy import actor_of
from dangvu.org.models import Organisation

from .action_table import FOLLOW_UPS, ActionBox
from .tasks import _detail_context

# A refused form sent by HTMX comes back as 422 (Unprocessable Content), which base.html's
# htmx-config swaps in; not 400, which django-htmx's debug script (DEBUG) shows as a whole page.
REFUSED_HTMX = 422


@login_required
@require_POST
def task_follow_up(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run the follow-up action `action` (a row of `FOLLOW_UPS`) on the task."""
    spec = FOLLOW_UPS.get(action)
    if spec is None:
        raise Http404
    task = selectors.get_task_for_user(request.user, pk)
    form = spec.form(task, request.POST, {})
    if form.is_valid():
        try:
            spec.run(task, actor_of(request), form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if getattr(request, "htmx", False):
                return _task_body(request, pk, done=str(spec.done))
            messages.success(request, str(spec.done))
            return redirect("assignments:detail", pk=task.pk)
    # Only someone the action is open to gets the form back with its errors; to anyone else the
    # answer is the refusal.
    if not policy.allowed(request.user, spec.policy_action, task):
        raise PermissionDenied(_("You may not do this on this task."))
    if getattr(request, "htmx", False):
        url = reverse(f"assignments:{action}", args=[task.pk])
        html = render_to_string(
            "assignments/_action_box.html",
            {"box": ActionBox(spec=spec, form=form, url=url), "task": task},
            request=request,
        )
        response = HttpResponse(html, status=REFUSED_HTMX)
        response["HX-Retarget"] = f"#action-{action}"
        response["HX-Reswap"] = "outerHTML"
        return response
    context = _detail_context(request, task, **{action: form})
    return render(request, "assignments/task_detail.html", context, status=400)


def _task_body(request: HttpRequest, pk: int, *, done: str) -> HttpResponse:
    """The task's body and, out of band, its timeline: what an action changed, without a
    reload."""
    task = selectors.get_task_for_user(request.user, pk)
    context = _detail_context(request, task)
    context["done_message"] = done
    body = render_to_string("assignments/task_detail.html#task_body", context, request=request)
    context["oob"] = True
    timeline = render_to_string("assignments/task_detail.html#progress", context, request=request)
    return HttpResponse(body + timeline)


@login_required
@require_POST
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a progress report. With HTMX only the progress section comes back: the timeline and a
    fresh form, or the form with its errors."""
    task = selectors.get_task_for_user(request.user, pk)
    # Any of the task's units may be named; the service decides who reports for which.
    units = [task.lead_unit_id, *task.coordinating_units.values_list("pk", flat=True)]
    form: ProgressReportForm | None = ProgressReportForm(
        request.POST,
        request.FILES,
        units=Organisation.objects.filter(pk__in=[pk for pk in units if pk]),
    )
    assert form is not None  # noqa: S101 - narrows the type for mypy
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_report_create(
                task=task,
                by=actor_of(request),
                unit=data["unit"],
                reported_on=data["reported_on"],
                done=data["done"],
                difficulties=data["difficulties"],
                next_steps=data["next_steps"],
                percent=data["percent"],
                files=[read_upload(f) for f in data["evidence_files"]],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "files" in error.error_dict:
                error.error_dict["evidence_files"] = error.error_dict.pop("files")
            add_service_errors(form, error)
        else:
            if not getattr(request, "htmx", False):
                messages.success(request, _("Progress report recorded."))
                return redirect("assignments:detail", pk=task.pk)
            form, status = None, 200
    if status == 400 and not permissions.may_report_on(request.user, task):
        raise PermissionDenied(_("Only the lead and coordinating units report on this task."))
    task = selectors.get_task_for_user(request.user, pk)
    context = _detail_context(request, task, **({"progress_form": form} if form else {}))
    context["progress_saved"] = status == 200
    response = render_page_or_partial(request, "assignments/task_detail.html", "progress", context)
    response.status_code = REFUSED_HTMX if status == 400 and request.htmx else status  # type: ignore[attr-defined]
    return response
