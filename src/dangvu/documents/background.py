"""PDF conversion by LibreOffice in the worker, not in the request (`core.background`): the
view renders the DOCX (milliseconds), stores it with a job and answers with the job's page; the
worker converts it (seconds) and the page offers the PDF. The same document asked again by the
same person while its job is waiting, running or recently done gives that job again."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.documents.conversion import convert_to_pdf, soffice_path

PDF = "documents.pdf"
REUSE_FOR = dt.timedelta(hours=1)


@background.kind(PDF, title=gettext_lazy("Converting a document to PDF"))
def to_pdf(ctx: background.JobContext) -> dict[str, Any]:
    if soffice_path() is None:
        raise ValidationError(
            _("PDF conversion is not available on this server (LibreOffice is not installed).")
        )
    ctx.progress(0, 1, _("LibreOffice is converting the document…"))
    pdf = convert_to_pdf(ctx.data)
    if pdf is None:  # a crash or a timeout of LibreOffice: tried again (core.background)
        raise RuntimeError("LibreOffice could not convert the document")
    with ctx.writing():
        ctx.output = (str(ctx.params.get("pdf_name") or "tai-lieu.pdf"), pdf)
        ctx.result = {
            "message": _("The PDF is ready."),
            "link": ctx.params.get("back_url") or "",
            "link_label": _("Back"),
        }
    return ctx.result


def convert_later(
    request: HttpRequest, *, docx: bytes, pdf_name: str, back_url: str
) -> HttpResponse:
    """Send the person to the page of the job converting `docx` to `pdf_name`."""
    digest = hashlib.sha256(docx).hexdigest()
    earlier = (
        BackgroundJob.objects.filter(
            kind=PDF,
            owner_id=request.user.pk,
            params__sha256=digest,
            params__pdf_name=pdf_name,
            created_at__gte=timezone.now() - REUSE_FOR,
        )
        .exclude(state=BackgroundJob.State.FAILED)
        .order_by("-pk")
        .first()
    )
    job = earlier or background.enqueue(
        kind=PDF,
        owner=request.user,
        file_name=pdf_name.removesuffix(".pdf") + ".docx",
        data=docx,
        params={"sha256": digest, "pdf_name": pdf_name, "back_url": back_url},
    )
    return redirect("core:job", pk=job.pk)
