"""Evidence files of progress reports, downloaded through the task's scope: whoever may not see
the task gets a 404, as on the task page; the uploaded file is never served from /media/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from dangvu.assignments import selectors
from dangvu.assignments.models import Evidence
from dangvu.core.files import stored_file

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponseBase:
    task = selectors.get_task_for_user(request.user, pk)  # 404 when not visible
    evidence = Evidence.objects.filter(pk=evidence_pk, report__task=task).first()
    if evidence is None:
        raise Http404(_("No such file."))
    return stored_file(evidence.file, evidence.name, CONTENT_TYPES.get(evidence.kind))
