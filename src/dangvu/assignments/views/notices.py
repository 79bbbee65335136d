"""Tình hình thực hiện thông báo kết luận: the page of one notice's tasks, and its export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.assignments.exports import notice_progress_workbook
from dangvu.assignments.notices import notice_progress
from dangvu.core.files import attachment_header
from dangvu.core.http import as_of


@login_required
def notice_progress_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Each task of the notice with its lead unit, deadline, status as of a day and last
    progress report; the counters above are the table's own (`notices.tally`)."""
    on, on_error = as_of(request)
    if on_error:
        messages.error(request, on_error)
    progress = notice_progress(request.user, pk, on)
    return render(
        request,
        "assignments/notice_progress.html",
        {"progress": progress, "on": on, "query": request.GET.urlencode()},
    )


@login_required
def notice_progress_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The same lines and counters as an Excel workbook (cells neutralised)."""
    on, _error = as_of(request)
    progress = notice_progress(request.user, pk, on)
    response = HttpResponse(
        notice_progress_workbook(progress),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = attachment_header(
        f"tinh-hinh-thuc-hien-tb-{pk}-{on.isoformat()}.xlsx"
    )
    return response
