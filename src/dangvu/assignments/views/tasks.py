"""Task pages: the list, its export, the task page, creating, editing and publishing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import permissions, selectors, services
from dangvu.assignments.actions import task_actions
from dangvu.assignments.checks import blocking_gaps, six_clear_gaps
from dangvu.assignments.enums import Status
from dangvu.assignments.exports import task_list_workbook
from dangvu.assignments.forms import (
    ProgressReportForm,
    PublishForm,
    TaskFilterForm,
    TaskForm,
)
from dangvu.assignments.models import Task
from dangvu.assignments.status import task_status
from dangvu.core import locking
from dangvu.core.dates import short_date, today
from dangvu.core.forms import add_service_errors
from dangvu.core.http import as_of, render_form_page
from dangvu.core.policy import actor_of
from dangvu.org.forms import explain_empty_picker
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_manageable_by, picker_day, picker_units

from ._common import PAGE_SIZE, UNIT_LEVELS, _filters, _show_to_managers
from .action_table import action_boxes


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_filter_choices(request.user)
    form = TaskFilterForm(
        request.GET or None,
        units=units,
        listed_units=picker_units(
            as_of(request)[0],
            within=selectors.unit_filter_choices(request.user, levels=UNIT_LEVELS),
            keep=[request.GET.get("unit")],
        ),
    )
    filters, on_error = _filters(request, form)
    if on_error:
        messages.error(request, on_error)
    tasks = selectors.task_list(request.user, filters)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(task, six_clear_gaps(task), Status(task.status)) for task in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "on": filters.on,
        # A task opened from a list of another day shows its status on that day too.
        "detail_query": "" if filters.on == today() else f"?on={filters.on.isoformat()}",
        "query": query.urlencode(),
        "can_manage": permissions.can_manage_tasks(request.user),
    }
    return render(request, "assignments/task_list.html", context)


def _detail_context(request: HttpRequest, task: Task, **bound: Form) -> dict[str, Any]:
    """Everything the detail page shows: the task, its status and timeline, and a box for each
    action `task_actions` opens to the user (blank forms, unless one is given bound with its
    errors: `publish_form`, `progress_form`, or an action's name)."""
    user = request.user
    on, _error = as_of(request)
    actions = task_actions(user, task)
    timeline = selectors.task_timeline(task)
    context: dict[str, Any] = {
        "task": task,
        "on": on,
        "actions": actions,
        "status": task_status(task, on),
        "progress": selectors.progress_on(task, on),
        # The timeline has read the deadline changes already.
        "deadline_changed": any(event.kind == "deadline" for event in timeline),
        "gaps": six_clear_gaps(task),
        "blocking_gaps": blocking_gaps(task),
        "can_manage": actions.edit,
        "publish_form": bound.get("publish_form") or PublishForm(),
        "timeline": timeline,
        "origin": selectors.task_origin(task),  # the conference or inspection it came from
        "subtasks": task.subtasks.select_related("lead_unit").order_by("pk"),
        "boxes": action_boxes(task, actions.follow_up, **bound),
    }
    if actions.report_units:
        units = actions.report_units
        # the office records for a unit: the form says so, and so will the timeline
        context["progress_on_behalf"] = actions.report_on_behalf
        context["progress_form"] = bound.get("progress_form") or ProgressReportForm(
            units=Organisation.objects.filter(pk__in=[u.pk for u in units]),
            initial={"unit": units[0], "reported_on": today(), "percent": task.progress},
        )
    return context


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    return render(request, "assignments/task_detail.html", _detail_context(request, task))


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    _show_to_managers(request)
    committees = list(selectors.committees_for(request.user))
    day = picker_day(request.POST, "issued_on", today())
    form = TaskForm(
        request.POST or None,
        committees=selectors.committees_for(request.user),
        # units that exist on the day the task is given (org.selectors.picker_units)
        units=picker_units(day, within=organisations_manageable_by(request.user)),
        initial={"committee": committees[0] if committees else None, "issued_on": today()},
    )
    explain_empty_picker(form, ["lead_unit"], day=day, roots=committees)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            task = services.task_create(**data, by=actor_of(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Task created."))
            return redirect("assignments:detail", pk=task.pk)
    return render_form_page(request, form, _("New task"), reverse("assignments:list"))


@login_required
@require_http_methods(["GET", "POST"])
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    _show_to_managers(request, task)
    initial = {
        name: getattr(task, name)
        for name in TaskForm.base_fields
        if name not in ("committee", "coordinating_units")
    }
    initial["coordinating_units"] = list(task.coordinating_units.all())
    initial["base_token"] = locking.token(task)  # optimistic locking (core.locking)
    form = TaskForm(
        request.POST or None,
        committees=None,
        units=picker_units(
            picker_day(request.POST, "issued_on", task.issued_on),
            within=organisations_manageable_by(request.user),
            keep=[
                task.lead_unit_id,
                task.authority_id,
                *(u.pk for u in initial["coordinating_units"]),
            ],
        ),
        initial=initial,
    )
    form.fields["base_token"] = forms.CharField(widget=forms.HiddenInput, required=False)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=task, by=actor_of(request), **form.cleaned_data)
        except locking.EditConflict as error:
            add_service_errors(form, error)
            data = request.POST.copy()  # saving again now overwrites on purpose
            data["base_token"] = locking.token(Task.objects.get(pk=task.pk))
            form.data = data
            conflict = True
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("assignments:detail", pk=task.pk)
    title = _("Edit task")
    response = render_form_page(request, form, title, reverse("assignments:detail", args=[task.pk]))
    if conflict:
        response.status_code = 409
    return response


@login_required
@require_POST
def task_publish(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.task_publish(
                task=task, by=actor_of(request), waiver_reason=form.cleaned_data["waiver_reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Task published to its units."))
            return redirect("assignments:detail", pk=task.pk)
    context = _detail_context(request, task, publish_form=form)
    return render(request, "assignments/task_detail.html", context, status=400)


@login_required
def task_list_export(request: HttpRequest) -> HttpResponse:
    """The task list, with the filters of the page, as an Excel workbook whose code column the
    bulk update reads back."""
    form = TaskFilterForm(
        request.GET or None, units=selectors.unit_filter_choices(request.user), listed_units=None
    )
    filters, _on_error = _filters(request, form)
    tasks = (
        selectors.task_list(request.user, filters)
        .select_related("lead_unit", "authority")
        .prefetch_related("coordinating_units")
    )
    description = [_("As of %(day)s") % {"day": short_date(filters.on)}]
    if filters.unit is not None:
        description.append(_("Unit: %(name)s") % {"name": filters.unit.name})
    if filters.status:
        labels = dict(form.fields["status"].choices)  # type: ignore[attr-defined]
        description.append(
            _("Status: %(status)s") % {"status": labels.get(filters.status, filters.status)}
        )
    data = task_list_workbook(
        tasks.iterator(chunk_size=1000), on=filters.on, description=description
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="danh-sach-nhiem-vu-{filters.on.isoformat()}.xlsx"'
    )
    return response
