"""The page of a background job (`core.background`): its progress, polled by HTMX while it
runs, then its result or its error; and the file it produced."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangvu.core import background, files
from dangvu.core.http import render_page_or_partial

# A job still waiting after this long: the worker may not be running.
WORKER_SILENT_AFTER = dt.timedelta(minutes=1)


@login_required
@require_GET
def job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = background.get_job_for_user(request.user, pk)
    waiting_long = (
        job.state == job.State.QUEUED and job.available_at <= timezone.now() - WORKER_SILENT_AFTER
    )
    context = {
        "job": job,
        "title": background.title_of(job),
        "result_template": background.template_of(job),
        "result": job.result or {},
        "waiting_long": waiting_long,
    }
    response = render_page_or_partial(request, "core/job.html", "status", context)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def job_output(request: HttpRequest, pk: int) -> FileResponse:
    job = background.get_job_for_user(request.user, pk)
    if job.state != job.State.DONE or not job.output_name:
        raise Http404
    data = type(job).objects.values_list("output_data", flat=True).get(pk=job.pk)
    return files.attachment(bytes(data), job.output_name)
