"""Pages of tasks. Reads come from selectors, writes from services; only office staff and
administrators of a task's committee reach the forms (others get 403, or 404 for a task they
may not even read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseFormSet, Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import bulk, conclusion_import, permissions, selectors, services
from dangvu.assignments.charts import bar_chart, chart_svg
from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.enums import WITHIN_DEADLINE, StatisticsGrouping, Status
from dangvu.assignments.evidence import read_upload
from dangvu.assignments.exports import statistics_workbook, task_list_workbook
from dangvu.assignments.forms import (
    AcceptForm,
    BulkUploadForm,
    ConclusionReviewForm,
    ConclusionSourceForm,
    ConclusionTaskFormSet,
    DeadlineChangeForm,
    FollowersForm,
    ProgressReportForm,
    ProposeForm,
    PublishForm,
    ReturnForm,
    StatisticsFilterForm,
    SubtaskForm,
    SuspendForm,
    TaskFilterForm,
    TaskForm,
)
from dangvu.assignments.models import Task
from dangvu.assignments.status import task_status
from dangvu.core import locking, policy
from dangvu.core.dates import month_end, short_date, today
from dangvu.core.files import attachment_header
from dangvu.core.forms import VnDateField, add_service_errors
from dangvu.core.http import as_of, render_form_page, render_page_or_partial
from dangvu.core.policy import actor_of
from dangvu.extraction import ExtractionError
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_manageable_by

PAGE_SIZE = 25
# The unit select offers units down to this many levels below the user's memberships.
UNIT_LEVELS = 2


def _show_to_managers(request: HttpRequest, task: Task | None = None) -> None:
    """A page that is only a form for the office (new task, import, edit): shown only to those
    the policy allows (403 otherwise). The services decide again when the form is sent."""
    user = request.user
    shown = (
        permissions.can_manage_tasks(user)
        if task is None
        else policy.allowed(user, "task.manage", task)
    )
    if not shown:
        raise PermissionDenied(_("Only the committee's office staff may change its tasks."))


def _filters(request: HttpRequest, form: TaskFilterForm) -> tuple[selectors.TaskFilters, str]:
    """The filters asked for in the query string, and the error of a bad "as of" date."""
    on, on_error = as_of(request)
    data = form.cleaned_data if form.is_valid() else {}
    values = {name: data[name] for name in FILTER_NAMES if data.get(name)}
    return selectors.TaskFilters(on=on, **values), on_error or ""


FILTER_NAMES = (
    "six_clear",
    "unit",
    "lead",
    "lead_under",
    "committee",
    "status",
    "source",
    "deadline_from",
    "deadline_to",
)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_filter_choices(request.user)
    form = TaskFilterForm(
        request.GET or None,
        units=units,
        listed_units=selectors.unit_filter_choices(request.user, levels=UNIT_LEVELS),
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


def _subunits(task: Task) -> QuerySet[Organisation]:
    lead = task.lead_unit
    if lead is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=lead.path).exclude(pk=lead.pk)


def _detail_context(request: HttpRequest, task: Task, **bound: Form) -> dict[str, Any]:
    """Everything the detail page shows, with the forms the user may use (blank, unless one is
    given bound with its errors)."""
    user = request.user
    on, _error = as_of(request)
    day = today()
    is_open = (
        task.published_at is not None and task.completed_on is None and task.suspended_on is None
    )
    can_decide = policy.allowed(user, "task.accept", task)
    can_manage = policy.allowed(user, "task.manage", task)
    report_units = permissions.reporting_units(user, task) if is_open else []
    lead_user = policy.allowed(user, "task.propose_completion", task)
    can_split = policy.allowed(user, "task.split", task)
    timeline = selectors.task_timeline(task)
    context: dict[str, Any] = {
        "task": task,
        "on": on,
        "status": task_status(task, on),
        "progress": selectors.progress_on(task, on),
        # The timeline has read the deadline changes already.
        "deadline_changed": any(event.kind == "deadline" for event in timeline),
        "gaps": six_clear_gaps(task),
        "can_manage": can_manage,
        "publish_form": bound.get("publish_form") or PublishForm(),
        "timeline": timeline,
        "subtasks": task.subtasks.select_related("lead_unit").order_by("pk"),
    }
    if report_units:
        context["progress_form"] = bound.get("progress_form") or ProgressReportForm(
            units=Organisation.objects.filter(pk__in=[u.pk for u in report_units]),
            initial={"unit": report_units[0], "reported_on": day, "percent": task.progress},
        )
    if is_open and lead_user and task.completion_proposed_on is None:
        context["propose_form"] = bound.get("propose_form") or ProposeForm(initial={"on": day})
    if is_open and can_decide and task.completion_proposed_on is not None:
        context["accept_form"] = bound.get("accept_form") or AcceptForm(initial={"on": day})
        context["return_form"] = bound.get("return_form") or ReturnForm(initial={"on": day})
    if can_decide and task.completed_on is None and task.published_at is not None:
        context["deadline_form"] = bound.get("deadline_form") or DeadlineChangeForm(
            initial={"on": day}
        )
        if task.suspended_on is None:
            context["suspend_form"] = bound.get("suspend_form") or SuspendForm(initial={"on": day})
        else:
            context["can_resume"] = True
    if can_manage:
        context["followers_form"] = bound.get("followers_form") or FollowersForm(
            users=selectors.follower_choices(task), initial={"followers": task.followers.all()}
        )
    if is_open and can_split:
        units = _subunits(task)
        if units.exists():
            context["subtask_form"] = bound.get("subtask_form") or SubtaskForm(
                units=units, initial={"on": day, "deadline": task.deadline}
            )
    return context


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    return render(request, "assignments/task_detail.html", _detail_context(request, task))


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


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    _show_to_managers(request)
    committees = selectors.committees_for(request.user)
    form = TaskForm(
        request.POST or None,
        committees=committees,
        units=organisations_manageable_by(request.user),
        initial={"committee": committees.first(), "issued_on": today()},
    )
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
        units=organisations_manageable_by(request.user),
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


def _review_page(
    request: HttpRequest,
    *,
    review_form: ConclusionReviewForm,
    formset: BaseFormSet,
    review: conclusion_import.Review | None,
    day: object,
    status: int = 200,
) -> HttpResponse:
    rows = list(
        zip(formset.forms, review.rows if review else [{}] * len(formset.forms), strict=False)
    )
    context = {
        "review_form": review_form,
        "formset": formset,
        "rows": rows,
        "review": review,
        "day": day,
    }
    return render(request, "assignments/conclusion_review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_import_start(request: HttpRequest) -> HttpResponse:
    """Paste or upload a conclusion; a readable one goes on to the review of its tasks."""
    _show_to_managers(request)
    committees = selectors.committees_for(request.user)
    form = ConclusionSourceForm(
        request.POST or None,
        request.FILES or None,
        committees=committees,
        initial={"committee": committees.first()},
    )
    if request.method == "POST" and form.is_valid():
        committee = form.cleaned_data["committee"]
        if not policy.allowed(request.user, "task.create", committee):  # a review is only shown
            raise PermissionDenied(_("Only the committee's office staff may give it tasks."))
        upload = form.cleaned_data["file"]
        try:
            text = (
                conclusion_import.read_upload(upload.name, upload.read())
                if upload
                else form.cleaned_data["text"]
            )
            review = conclusion_import.review(text, committee)
        except ExtractionError as error:
            form.add_error(None, str(error))
        else:
            review_form = ConclusionReviewForm(
                committees=committees,
                units=conclusion_import.units_for(committee, review.day),
                initial={
                    "committee": committee,
                    "source_text": review.text,
                    "source_reference": review.source_reference,
                    "issued_on": review.day,
                    "authority": committee,
                },
            )
            formset = ConclusionTaskFormSet(
                initial=review.rows,
                form_kwargs={"units": conclusion_import.units_for(committee, review.day)},
            )
            return _review_page(
                request, review_form=review_form, formset=formset, review=review, day=review.day
            )
    return render(request, "assignments/conclusion_import.html", {"form": form})


def _posted_units(request: HttpRequest, committees: Any) -> Any:
    """The units an accepting authority may be chosen from, for the committee and day posted (the
    committees themselves when either is unreadable: the form then reports the error)."""
    committee = committees.filter(pk=request.POST.get("committee") or None).first()
    try:
        day = VnDateField().clean(request.POST.get("issued_on") or "")
    except ValidationError:
        day = None
    if committee is None or day is None:
        return committees
    return conclusion_import.units_for(committee, day)


@login_required
@require_POST
def conclusion_import_create(request: HttpRequest) -> HttpResponse:
    """Create the tasks the office kept, in one transaction; on any error nothing is created and
    the review comes back with what was typed."""
    _show_to_managers(request)
    committees = selectors.committees_for(request.user)
    review_form = ConclusionReviewForm(
        request.POST, committees=committees, units=_posted_units(request, committees)
    )
    header_ok = review_form.is_valid()
    committee = review_form.cleaned_data.get("committee")
    if committee is None:
        messages.error(request, _("Paste the text of a conclusion or upload a file."))
        return redirect("assignments:import")
    day = review_form.cleaned_data.get("issued_on") or today()
    formset = ConclusionTaskFormSet(
        request.POST, form_kwargs={"units": conclusion_import.units_for(committee, day)}
    )
    if formset.is_valid() and header_ok:
        rows = [
            form.cleaned_data | {"number": number}
            for number, form in enumerate(formset.forms, start=1)
            if form.cleaned_data.get("include")
        ]
        try:
            tasks = conclusion_import.create_tasks(
                committee=committee,
                issued_on=day,
                source_reference=review_form.cleaned_data["source_reference"],
                rows=rows,
                by=actor_of(request),
                authority=review_form.cleaned_data.get("authority"),
            )
        except ValidationError as error:
            review_form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Created %(count)d task(s) from the conclusion.") % {"count": len(tasks)},
            )
            return redirect("assignments:list")
    try:
        review = conclusion_import.review(
            review_form.cleaned_data.get("source_text", ""), committee
        )
    except ExtractionError:
        review = None
    return _review_page(
        request, review_form=review_form, formset=formset, review=review, day=day, status=400
    )


def _statistics_counts(request: HttpRequest) -> dict[str, Any]:
    """The form, the filters and the counts: what the page and the Excel export share."""
    units = selectors.unit_filter_choices(request.user)
    form = StatisticsFilterForm(
        request.GET or None,
        units=units,
        listed_units=selectors.unit_filter_choices(request.user, levels=UNIT_LEVELS),
        years=selectors.deadline_years(around=as_of(request)[0].year),
    )
    filters, on_error = _filters(request, form)
    grouping = (form.cleaned_data.get("group") if form.is_valid() else "") or (
        StatisticsGrouping.UNIT
    )
    rows, total = selectors.task_statistics(request.user, filters, grouping)
    return {
        "form": form,
        "filters": filters,
        "on_error": on_error,
        "grouping": grouping,
        "rows": rows,
        "total": total,
    }


def _statistics(request: HttpRequest) -> dict[str, Any]:
    """The page: the counts with their drill-down links and the chart."""
    counts = _statistics_counts(request)
    filters: selectors.TaskFilters = counts["filters"]
    grouping, rows, total = counts["grouping"], counts["rows"], counts["total"]
    base = {"on": filters.on.isoformat()}
    for name in ("unit", "committee", "lead", "lead_under"):
        value = getattr(filters, name)
        if value is not None:
            base[name] = str(value.pk)
    for name in ("source", "deadline_from", "deadline_to"):
        value = getattr(filters, name)
        if value:
            base[name] = str(value)
    lines: list[StatisticsLine] = []
    for row in rows:
        scope = dict(base)
        if row.key in (None, ""):
            lines.append(StatisticsLine(row, None))
            continue
        if grouping == StatisticsGrouping.MONTH:
            first = dt.date.fromisoformat(f"{row.key}-01")
            last = month_end(first)  # also for December 9999, stored before the gate
            scope |= {"deadline_from": first.isoformat(), "deadline_to": last.isoformat()}
        elif grouping == StatisticsGrouping.COMMITTEE:
            scope["committee"] = str(row.key)
        else:
            scope["lead_under"] = str(row.key)
        lines.append(StatisticsLine(row, _drill_down(scope)))
    chart = bar_chart(rows)
    return counts | {
        "on": filters.on,
        "rows": lines,
        "total_line": StatisticsLine(total, _drill_down(base)),
        "chart": chart,
        "chart_svg": chart_svg(chart, _("Tasks by status")),
        "query": request.GET.urlencode(),
    }


# The dashboard's count columns, left to right, and the status their drill-down lists.
STATISTICS_COLUMNS = [
    ("assigned", ""),
    ("done_on_time", Status.DONE_ON_TIME),
    ("done_late", Status.DONE_LATE),
    ("in_progress", WITHIN_DEADLINE),
    ("due_soon", Status.DUE_SOON),
    ("overdue", Status.OVERDUE),
    ("suspended", Status.SUSPENDED),
]


class StatisticsLine(NamedTuple):
    """A row of the dashboard and its links down to the task list, by column (None for the
    rows without a unit or a deadline)."""

    row: selectors.StatisticsRow
    links: dict[str, str] | None

    @property
    def cells(self) -> list[tuple[str, str | None]]:
        """(count, link) by column; the counts as text, which the template writes as they are
        (a number would go through localisation, a thousand times a page)."""
        links = self.links or {}
        return [
            (str(getattr(self.row, name)), links.get(name)) for name, _status in STATISTICS_COLUMNS
        ]


def _drill_down(scope: dict[str, str]) -> dict[str, str]:
    """Links to the task list for each column of one row."""
    base = f"{reverse('assignments:list')}?{urlencode(scope)}"
    return {
        name: f"{base}&{urlencode({'status': status})}" if status else base
        for name, status in STATISTICS_COLUMNS
    }


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """The dashboard: counts per lead unit, committee or month, as of a day, with filters, a
    chart and links down to the tasks behind each number."""
    context = _statistics(request)
    if context["on_error"]:
        messages.error(request, context["on_error"])
    return render(request, "assignments/statistics.html", context)


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's table as an Excel workbook, with the same filters."""
    counts = _statistics_counts(request)
    filters: selectors.TaskFilters = counts["filters"]
    description = [_("As of %(day)s") % {"day": short_date(filters.on)}]
    if filters.deadline_from or filters.deadline_to:
        description.append(
            _("Deadlines from %(start)s to %(end)s")
            % {
                "start": short_date(filters.deadline_from) or "…",
                "end": short_date(filters.deadline_to) or "…",
            }
        )
    if filters.unit is not None:
        description.append(_("Unit: %(name)s") % {"name": filters.unit.name})
    data = statistics_workbook(
        counts["rows"],
        counts["total"],
        title=_("Task follow-up statistics"),
        description=description,
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = attachment_header(
        f"thong-ke-nhiem-vu-{filters.on.isoformat()}.xlsx"
    )
    return response


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


BULK_SESSION_KEY = "task_bulk_payload"


@login_required
@require_http_methods(["GET", "POST"])
def bulk_upload(request: HttpRequest) -> HttpResponse:
    """Upload an Excel/CSV file of task updates; the preview runs every row through the services
    and rolls back, showing each row's errors. Only a file without errors can be confirmed."""
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    plan = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = bulk.read_rows(upload.name, upload.read())
        except bulk.BulkFileError as error:
            file_error = str(error)
        else:
            plan = bulk.check_rows(rows, by=actor_of(request))
            if plan.is_valid:
                request.session[BULK_SESSION_KEY] = plan.to_payload()
            else:
                request.session.pop(BULK_SESSION_KEY, None)
    context = {"form": form, "plan": plan, "file_error": file_error, "columns": bulk.COLUMNS}
    return render(request, "assignments/bulk.html", context)


@login_required
@require_POST
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    payload = request.session.get(BULK_SESSION_KEY)
    if not payload:
        messages.error(request, _("There is no checked file to confirm; upload it again."))
        return redirect("assignments:bulk")
    try:
        count = bulk.apply_rows(payload, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assignments:bulk")
    request.session.pop(BULK_SESSION_KEY, None)
    messages.success(request, _("Updated %(count)d row(s).") % {"count": count})
    return redirect("assignments:list")


@login_required
def bulk_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        bulk.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="cap-nhat-nhiem-vu.xlsx"'
    return response
