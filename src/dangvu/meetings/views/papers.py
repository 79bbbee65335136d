"""The conference's documents: issuing the notice, the notice as DOCX/PDF, the giấy mời,
delegate list and biên bản, numbering them in the register."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.documents.background import convert_later
from dangvu.documents.rendering import PartyDocument, render_docx
from dangvu.meetings import papers, services
from dangvu.meetings.enums import SignerAuthority
from dangvu.meetings.forms import (
    NoticeForm,
)
from dangvu.meetings.models import Conclusion, Conference
from dangvu.meetings.notice import notice_document
from dangvu.meetings.selectors import (
    get_conference_for_user,
)

from ._common import _conclusion_or_404, _detail_url, _edit_page


@login_required
def issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _edit_page(request, pk)
    conclusion = _conclusion_or_404(conference)
    initial = {
        "signer_authority": SignerAuthority.ON_BEHALF,
        "signer_title": conference.chair_title,
        "signer_name": conference.chair.full_name if conference.chair else "",
        "issued_on": timezone.localdate(),
        "recipients": "Thường trực Quận ủy\nCác cơ quan, đơn vị dự hội nghị\nLưu VP.",
    }
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.notice_issue(
                conclusion=conclusion,
                signer_authority=data["signer_authority"],
                signer_title=data["signer_title"],
                signer_name=data["signer_name"],
                recipients=data["recipients"].splitlines(),
                issued_on=data["issued_on"],
                number=data["number"],
                confidentiality=data["confidentiality"] or "",
                urgency=data["urgency"] or "",
                by=actor_of(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The notice has been issued."))
            return redirect(_detail_url(conference))
    return render_form_page(
        request, form, _("Issue the conclusion notice"), _detail_url(conference)
    )


def _notice_bytes(conclusion: Conclusion) -> bytes:
    if conclusion.notice_docx:
        return bytes(conclusion.notice_docx)
    return render_docx(notice_document(conclusion))  # the draft, unnumbered


def _notice_filename(conclusion: Conclusion, extension: str) -> str:
    if conclusion.number is not None:
        return f"thong-bao-{conclusion.number.number}-TB-{conclusion.number.year}.{extension}"
    return f"du-thao-thong-bao-ket-luan-{conclusion.conference_id}.{extension}"


@login_required
def notice_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    response = HttpResponse(
        _notice_bytes(conclusion),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = attachment_header(_notice_filename(conclusion, "docx"))
    return response


@login_required
def notice_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    # LibreOffice takes seconds: the worker converts it (documents.background)
    return convert_later(
        request,
        docx=_notice_bytes(conclusion),
        pdf_name=_notice_filename(conclusion, "pdf"),
        back_url=_detail_url(conference),
    )


@login_required
def paper_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The conference's papers as DOCX (meetings.papers): the giấy mời, one letter per
    addressee in a ZIP, the delegate list, the biên bản."""
    conference = get_conference_for_user(request.user, pk)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    builders: dict[str, Callable[[Conference], PartyDocument]] = {
        "giay-moi": papers.invitation_letter,
        "danh-sach-dai-bieu": papers.delegate_list,
        "bien-ban": papers.minutes_document,
    }
    if kind == "giay-moi-tung-don-vi":
        response = HttpResponse(papers.letters_zip(conference), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="giay-moi-{conference.pk}.zip"'
        return response
    if kind not in builders:
        raise Http404
    response = HttpResponse(render_docx(builders[kind](conference)), content_type=docx_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{conference.pk}.docx"'
    return response


@login_required
@require_POST
def paper_register_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    conference = _edit_page(request, pk)
    try:
        entry = services.paper_register(conference=conference, kind=kind, by=actor_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Recorded as Số %(number)s.") % {"number": entry})
    return redirect(_detail_url(conference))
