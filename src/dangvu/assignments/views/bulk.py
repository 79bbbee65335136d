"""Pages uploading tasks in bulk from a workbook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import bulk
from dangvu.assignments.forms import (
    BulkUploadForm,
)
from dangvu.core import background
from dangvu.core.http import confirm_checked_job
from dangvu.core.policy import actor_of

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
        data = upload.read()
        try:
            if background.deferred(data):  # a large file: the worker checks it (core.background)
                job = background.enqueue(
                    kind="assignments.bulk_check",
                    owner=request.user,
                    file_name=upload.name,
                    data=data,
                )
                return redirect("core:job", pk=job.pk)
            rows = bulk.read_rows(upload.name, data)
        except (bulk.BulkFileError, background.TooManyJobsError) as error:
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
    if request.POST.get("job"):  # a large file the worker checked: the worker writes it too
        return confirm_checked_job(
            request,
            check_kind="assignments.bulk_check",
            apply_kind="assignments.bulk_apply",
            back="assignments:bulk",
        )
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
