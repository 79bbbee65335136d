"""Publishing an issued notice under "Văn bản" in the worker (`core.background`): LibreOffice
takes seconds to make its PDF, so the request only queues the job and answers with the job's
page. The job runs as the person who asked: it finds the conference among those this person may
read, asks the policy before converting, and `services.notice_publish` asks again as it writes
(in the job's transaction, so the notice is published once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.portal import permissions, services

NOTICE = "portal.notice_publish"


def _publishable(actor: Any, conference: Any) -> Any:
    """The conference's notice, when this person may publish it and it can be published."""
    from dangvu.portal.models import PublishedDocument

    if not permissions.can_publish_documents(actor, conference.committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    conclusion = getattr(conference, "conclusion", None)
    if conclusion is None or conclusion.number is None or not conclusion.notice_docx:
        raise ValidationError(_("Only an issued notice can be published."))
    if PublishedDocument.objects.filter(conclusion=conclusion).exists():
        raise ValidationError(_("This notice is already published."))
    return conclusion


def _pdf_or_retry(ctx: background.JobContext, docx: bytes) -> bytes | None:
    """The PDF of an issued document, or None when this server cannot make one (published
    without it); a crash or a timeout of LibreOffice is tried again later (core.background)."""
    from dangvu.documents import conversion

    ctx.progress(0, 1, _("LibreOffice is converting the document…"))
    pdf = conversion.convert_to_pdf(docx)
    if (
        pdf is None
        and conversion.soffice_path() is not None
        and ctx.attempt < background.max_attempts()
    ):
        raise RuntimeError("LibreOffice could not convert the document")
    return pdf


def _queue_once(
    request: HttpRequest,
    *,
    kind: str,
    params: dict[str, int],
    check: Callable[[], Any],
    back: HttpResponse,
) -> HttpResponse:
    """Queue a publication (or give the one of this kind already waiting for the same object)
    and send the person to its page; a refusal of `check` goes `back` with its reason."""
    from django.contrib import messages

    try:
        check()
        waiting = BackgroundJob.objects.filter(
            kind=kind,
            owner_id=request.user.pk,
            state__in=[BackgroundJob.State.QUEUED, BackgroundJob.State.RUNNING],
            **{f"params__{name}": value for name, value in params.items()},
        ).first()
        job = waiting or background.enqueue(kind=kind, owner=request.user, params=params)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    except PermissionDenied as error:
        messages.error(request, str(error))
        return back
    return redirect("core:job", pk=job.pk)


@background.kind(NOTICE, title=gettext_lazy("Publishing a notice on the portal"))
def notice_publish(ctx: background.JobContext) -> dict[str, Any]:
    from dangvu.meetings.selectors import get_conference_for_user

    conference = get_conference_for_user(ctx.actor, ctx.params.get("conference"))
    conclusion = _publishable(ctx.actor, conference)
    pdf = _pdf_or_retry(ctx, bytes(conclusion.notice_docx))
    with ctx.writing():
        services.notice_publish(conclusion=conclusion, by=ctx.actor, pdf_bytes=pdf, convert=False)
        ctx.result = {
            "message": _("The notice is published under “Văn bản”.")
            if pdf is not None
            else _(
                "The notice is published under “Văn bản”, without its PDF (it could not be made)."
            ),
            "link": reverse("meetings:detail", args=[conference.pk]),
            "link_label": _("Back to the conference"),
        }
    return ctx.result


def publish_later(request: HttpRequest, conference: Any) -> HttpResponse:
    """Queue the notice's publication and send the person to its job's page (`_queue_once`)."""
    return _queue_once(
        request,
        kind=NOTICE,
        params={"conference": conference.pk},
        check=lambda: _publishable(request.user, conference),
        back=redirect("meetings:detail", pk=conference.pk),
    )


# --- an issued report under "Văn bản" --------------------------------------------------------

REPORT = "portal.report_publish"


def _report_publishable(actor: Any, period: Any) -> Any:
    """The period's issued report, when this person may publish it and it is not yet public."""
    from dangvu.portal.models import PublishedDocument

    issued = getattr(period, "issued", None)
    if issued is None:
        raise ValidationError(_("Only an issued report can be published on the portal."))
    if not permissions.can_publish_documents(actor, period.committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    if PublishedDocument.objects.filter(issued_report=issued).exists():
        raise ValidationError(_("This report is already published."))
    return issued


@background.kind(REPORT, title=gettext_lazy("Publishing a report on the portal"))
def report_publish(ctx: background.JobContext) -> dict[str, Any]:
    from dangvu.reports import exports
    from dangvu.reports.selectors import get_period_for_user

    period = get_period_for_user(ctx.actor, ctx.params.get("period"))
    issued = _report_publishable(ctx.actor, period)
    pdf = _pdf_or_retry(ctx, exports.version_docx(issued.version, issued))
    with ctx.writing():
        services.report_publish(issued_report=issued, by=ctx.actor, pdf_bytes=pdf, convert=False)
        ctx.result = {
            "message": _("The report is published under “Văn bản”.")
            if pdf is not None
            else _(
                "The report is published under “Văn bản”, without its PDF (it could not be made)."
            ),
            "link": reverse("reports:draft", args=[period.pk]),
            "link_label": _("Back to the report"),
        }
    return ctx.result


def report_publish_later(request: HttpRequest, period: Any) -> HttpResponse:
    """Queue the report's publication and send the person to its job's page (`_queue_once`)."""
    return _queue_once(
        request,
        kind=REPORT,
        params={"period": period.pk},
        check=lambda: _report_publishable(request.user, period),
        back=redirect("reports:draft", pk=period.pk),
    )
