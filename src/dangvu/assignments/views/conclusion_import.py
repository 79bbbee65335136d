"""Pages importing a pasted conclusion into tasks, through one review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import conclusion_import, selectors
from dangvu.assignments.forms import (
    ConclusionReviewForm,
    ConclusionSourceForm,
    ConclusionTaskFormSet,
)
from dangvu.core import background, policy
from dangvu.core.dates import today
from dangvu.core.forms import VnDateField
from dangvu.core.policy import actor_of
from dangvu.extraction import ExtractionError

from ._common import _show_to_managers


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


CONCLUSION_READ = "assignments.conclusion_read"


def _read_by_worker(request: HttpRequest, committees: Any) -> tuple[Any, str] | None:
    """The committee and text of a document the worker read (`?job=`), None without one."""
    if request.method != "GET" or not request.GET.get("job"):
        return None
    job = background.get_job_for_user(request.user, request.GET["job"], kind=CONCLUSION_READ)
    committee = committees.filter(pk=(job.params or {}).get("committee")).first()
    if job.state != job.State.DONE or committee is None:
        raise Http404
    return committee, str((job.result or {}).get("text", ""))


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
    read = _read_by_worker(request, committees)  # (committee, text) of a large document
    if read is not None or (request.method == "POST" and form.is_valid()):
        committee = read[0] if read else form.cleaned_data["committee"]
        if not policy.allowed(request.user, "task.create", committee):  # a review is only shown
            raise PermissionDenied(_("Only the committee's office staff may give it tasks."))
        upload = None if read else form.cleaned_data["file"]
        data = upload.read() if upload else b""
        try:
            if upload and upload.name.lower().endswith(".docx") and background.deferred(data):
                # a large document: the worker reads it (assignments.background)
                job = background.enqueue(
                    kind=CONCLUSION_READ,
                    owner=request.user,
                    file_name=upload.name,
                    data=data,
                    params={"committee": committee.pk},
                )
                return redirect("core:job", pk=job.pk)
            text = (
                read[1]
                if read
                else conclusion_import.read_upload(upload.name, data)
                if upload
                else form.cleaned_data["text"]
            )
            review = conclusion_import.review(text, committee)
        except (ExtractionError, background.TooManyJobsError) as error:
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
