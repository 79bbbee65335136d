"""Issuing the report (số, date, signer) and its downloads: Word, PDF, the indicators' workbook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.core.dates import today
from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.reports import exports, selectors, services
from dangvu.reports.forms import IssueForm
from dangvu.reports.models import DraftVersion, IssuedReport, Period

from ._common import DOCX_TYPE, XLSX_TYPE, refuse_if_issued, show_to_office
from .drafts import version_asked


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    show_to_office(request, period)
    if (read_only := refuse_if_issued(request, period)) is not None:
        return read_only
    latest = selectors.latest_version(period)
    if latest is None:
        raise Http404(_("No such version."))
    form = IssueForm(
        request.POST or None,
        initial={"issued_on": today()},
        empty_headings=exports.empty_headings(latest),
    )
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.report_issue(
                period=period, version=latest, by=actor_of(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Report issued as Số %(number)s.") % {"number": issued.number_label}
            )
            return redirect("reports:draft", pk=period.pk)
    title = _("Issue version %(n)d") % {"n": latest.number}
    return render_form_page(request, form, title, reverse("reports:draft", args=[period.pk]))


def _download_name(period: Period, version: DraftVersion, ext: str) -> str:
    return f"bao-cao-{period.pk}-v{version.number}.{ext}"


def _issued_as(period: Period, version: DraftVersion) -> IssuedReport | None:
    issued = getattr(period, "issued", None)
    return issued if issued is not None and issued.version_id == version.pk else None


@login_required
def download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    version = version_asked(request, period)
    if version is None:
        raise Http404(_("No such version."))
    document = exports.version_docx(version, _issued_as(period, version))
    response = HttpResponse(document, content_type=DOCX_TYPE)
    response["Content-Disposition"] = attachment_header(_download_name(period, version, "docx"))
    return response


@login_required
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from dangvu.documents.background import convert_later

    period = selectors.get_period_for_user(request.user, pk)
    version = version_asked(request, period)
    if version is None:
        raise Http404(_("No such version."))
    # LibreOffice takes seconds: the worker converts it (documents.background)
    return convert_later(
        request,
        docx=exports.version_docx(version, _issued_as(period, version)),
        pdf_name=_download_name(period, version, "pdf"),
        back_url=reverse("reports:draft", args=[period.pk]),
    )


@login_required
def download_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    table = selectors.indicator_table(period)
    response = HttpResponse(exports.indicator_workbook(period, table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment_header(f"chi-tieu-{period.pk}.xlsx")
    return response
