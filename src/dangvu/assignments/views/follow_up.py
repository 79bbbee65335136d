"""Task follow-up actions: progress, completion, deadline, followers, suspension, split."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.assignments import permissions, selectors, services
from dangvu.assignments.evidence import read_upload
from dangvu.assignments.forms import (
    AcceptForm,
    DeadlineChangeForm,
    FollowersForm,
    ProgressReportForm,
    ProposeForm,
    ReturnForm,
    SubtaskForm,
    SuspendForm,
)
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_page_or_partial
from dangvu.core.policy import actor_of
from dangvu.org.models import Organisation

from .tasks import _detail_context, _subunits


def _action(
    request: HttpRequest,
    pk: int,
    *,
    form_name: str,
    action: str,
    make_form: Callable[[Task, Any], Form],
    run: Callable[[Task, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """One follow-up action: the form, the service, a message and back to the task; the form
    with its errors on the page (status 400) when the service refuses. A user who may not act
    gets the service's refusal as 403; a task the user may not read, 404. The policy is asked
    only to know whether the form can be shown back with its errors: to someone who has no such
    form on the page, the answer is the refusal (403)."""
    task = selectors.get_task_for_user(request.user, pk)
    form = make_form(task, request.POST)
    if form.is_valid():
        try:
            run(task, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("assignments:detail", pk=task.pk)
    if not policy.allowed(request.user, action, task):
        raise PermissionDenied(_("You may not do this on this task."))
    context = _detail_context(request, task, **{form_name: form})
    return render(request, "assignments/task_detail.html", context, status=400)


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
    response.status_code = status
    return response


@login_required
@require_POST
def task_propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="propose_form",
        action="task.propose_completion",
        make_form=lambda task, data: ProposeForm(data),
        run=lambda task, d: services.completion_propose(
            task=task, by=actor_of(request), on=d["on"], note=d["note"]
        ),
        done=_("Completion proposed; the accepting authority will decide."),
    )


@login_required
@require_POST
def task_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="accept_form",
        action="task.accept",
        make_form=lambda task, data: AcceptForm(data),
        run=lambda task, d: services.completion_accept(
            task=task, by=actor_of(request), on=d["on"], note=d["note"]
        ),
        done=_("Completion accepted."),
    )


@login_required
@require_POST
def task_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="return_form",
        action="task.return",
        make_form=lambda task, data: ReturnForm(data),
        run=lambda task, d: services.completion_return(
            task=task, by=actor_of(request), on=d["on"], reason=d["reason"]
        ),
        done=_("Returned to the lead unit."),
    )


@login_required
@require_POST
def task_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="deadline_form",
        action="task.change_deadline",
        make_form=lambda task, data: DeadlineChangeForm(data),
        run=lambda task, d: services.deadline_change(task=task, by=actor_of(request), **d),
        done=_("Deadline changed."),
    )


@login_required
@require_POST
def task_followers(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="followers_form",
        action="task.manage",
        make_form=lambda task, data: FollowersForm(data, users=selectors.follower_choices(task)),
        run=lambda task, d: services.task_followers_set(
            task=task, by=actor_of(request), users=d["followers"]
        ),
        done=_("Followers saved."),
    )


@login_required
@require_POST
def task_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="suspend_form",
        action="task.suspend",
        make_form=lambda task, data: SuspendForm(data),
        run=lambda task, d: services.task_suspend(
            task=task, by=actor_of(request), on=d["on"], reason=d["reason"]
        ),
        done=_("Task suspended."),
    )


@login_required
@require_POST
def task_resume(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    try:
        services.task_resume(task=task, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Task resumed."))
    return redirect("assignments:detail", pk=task.pk)


@login_required
@require_POST
def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        form_name="subtask_form",
        action="task.split",
        make_form=lambda task, data: SubtaskForm(data, units=_subunits(task)),
        run=lambda task, d: services.subtask_create(parent=task, by=actor_of(request), **d),
        done=_("Sub-task given."),
    )
