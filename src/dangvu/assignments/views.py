"""Pages of tasks. Reads come from selectors, writes from services; only office staff and
administrators of a task's committee reach the forms (others get 403, or 404 for a task they
may not even read)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import conclusion_import, permissions, selectors, services
from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.forms import (
    ConclusionReviewForm,
    ConclusionSourceForm,
    ConclusionTaskFormSet,
    PublishForm,
    TaskFilterForm,
    TaskForm,
)
from dangvu.assignments.models import Task
from dangvu.core.audit import entries_for
from dangvu.core.dates import today
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.extraction import ExtractionError
from dangvu.org.selectors import organisations_manageable_by

PAGE_SIZE = 25


def _require_manager(request: HttpRequest, task: Task | None = None) -> None:
    user = request.user
    allowed = (
        permissions.can_manage_tasks(user)
        if task is None
        else permissions.can_manage_task(user, task)
    )
    if not allowed:
        raise PermissionDenied(_("Only the committee's office staff may change its tasks."))


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_filter_choices(request.user)
    form = TaskFilterForm(request.GET or None, units=units)
    six_clear, unit = "", None
    if form.is_valid():
        six_clear = form.cleaned_data["six_clear"]
        unit = form.cleaned_data["unit"]
    tasks = selectors.task_list(request.user, six_clear=six_clear, unit=unit)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(task, six_clear_gaps(task)) for task in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "can_manage": permissions.can_manage_tasks(request.user),
    }
    return render(request, "assignments/task_list.html", context)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    context = {
        "task": task,
        "gaps": six_clear_gaps(task),
        "can_manage": permissions.can_manage_task(request.user, task),
        "publish_form": PublishForm(),
        "audit_entries": entries_for(task)[:20],
    }
    return render(request, "assignments/task_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    committees = selectors.committees_for(request.user)
    form = TaskForm(
        request.POST or None,
        committees=committees,
        units=organisations_manageable_by(request.user),
        initial={"committee": committees.first(), "issued_on": today()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not permissions.can_manage_tasks_of(request.user, data["committee"]):
            raise PermissionDenied(_("Only the committee's office staff may change its tasks."))
        try:
            task = services.task_create(**data, by=request.user)
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
    _require_manager(request, task)
    initial = {
        name: getattr(task, name)
        for name in TaskForm.base_fields
        if name not in ("committee", "coordinating_units")
    }
    initial["coordinating_units"] = list(task.coordinating_units.all())
    form = TaskForm(
        request.POST or None,
        committees=None,
        units=organisations_manageable_by(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=task, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("assignments:detail", pk=task.pk)
    title = _("Edit task")
    return render_form_page(request, form, title, reverse("assignments:detail", args=[task.pk]))


@login_required
@require_POST
def task_publish(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk)
    _require_manager(request, task)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.task_publish(
                task=task, by=request.user, waiver_reason=form.cleaned_data["waiver_reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Task published to its units."))
            return redirect("assignments:detail", pk=task.pk)
    context = {
        "task": task,
        "gaps": six_clear_gaps(task),
        "can_manage": True,
        "publish_form": form,
        "audit_entries": entries_for(task)[:20],
    }
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
    _require_manager(request)
    committees = selectors.committees_for(request.user)
    form = ConclusionSourceForm(
        request.POST or None,
        request.FILES or None,
        committees=committees,
        initial={"committee": committees.first()},
    )
    if request.method == "POST" and form.is_valid():
        committee = form.cleaned_data["committee"]
        if not permissions.can_manage_tasks_of(request.user, committee):
            raise PermissionDenied(_("Only the committee's office staff may change its tasks."))
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
                initial={
                    "committee": committee,
                    "source_text": review.text,
                    "source_reference": review.source_reference,
                    "issued_on": review.day,
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


@login_required
@require_POST
def conclusion_import_create(request: HttpRequest) -> HttpResponse:
    """Create the tasks the office kept, in one transaction; on any error nothing is created and
    the review comes back with what was typed."""
    _require_manager(request)
    committees = selectors.committees_for(request.user)
    review_form = ConclusionReviewForm(request.POST, committees=committees)
    header_ok = review_form.is_valid()
    committee = review_form.cleaned_data.get("committee")
    if committee is None:
        messages.error(request, _("Paste the text of a conclusion or upload a file."))
        return redirect("assignments:import")
    if not permissions.can_manage_tasks_of(request.user, committee):
        raise PermissionDenied(_("Only the committee's office staff may change its tasks."))
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
                by=request.user,
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
