"""The register of outgoing documents (sổ đăng ký văn bản đi): the list with both files of each
document, recording a number, attaching the signed scan, the Excel export and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.forms import add_service_errors
from dangvu.documents import exports, permissions, selectors, services
from dangvu.documents.enums import TYPE_CODES
from dangvu.documents.forms import RecordForm, ScanForm
from dangvu.documents.models import DocumentNumber
from dangvu.org.models import Organisation

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _issuer(request: HttpRequest) -> tuple[Organisation | None, list[Organisation]]:
    issuers = list(selectors.issuers_readable_by(request.user))
    wanted = request.GET.get("issuer", "")
    chosen = next((o for o in issuers if str(o.pk) == wanted), None)
    return chosen or (issuers[0] if issuers else None), issuers


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    if raw == "all":
        return None
    return int(raw) if raw.isdigit() else today().year


def _register_url(issuer: Organisation, year: int | None = None) -> str:
    url = f"{reverse('documents:register')}?issuer={issuer.pk}"
    return url + (f"&year={year}" if year else "&year=all")


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    issuer, issuers = _issuer(request)
    if issuer is None:
        raise PermissionDenied(_("You keep or read no register of outgoing documents."))
    year = _year(request)
    type_code = request.GET.get("type", "")
    can_keep = permissions.can_keep_register(request.user, issuer)
    form = RecordForm(request.POST or None, initial={"issued_on": today()})
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied(
                _("Only the office of %(name)s keeps its register.") % {"name": issuer}
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.register_record(
                    issuer=issuer,
                    type_code=data["type_code"],
                    issued_on=data["issued_on"],
                    label=data["label"],
                    number=data["number"],
                    confidentiality=data["confidentiality"] or "",
                    urgency=data["urgency"] or "",
                    by=policy.actor_of(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Recorded as Số %(number)s.") % {"number": entry})
                return redirect(_register_url(issuer, entry.year))
    entries = list(
        selectors.register_entries(request.user, issuer=issuer, year=year, type_code=type_code)
    )
    context = {
        "issuer": issuer,
        "issuers": issuers,
        "year": year,
        "years": selectors.register_years(issuer),
        "type_code": type_code,
        "type_codes": TYPE_CODES,
        "entries": entries,
        "has_docx": set(
            DocumentNumber.objects.filter(
                pk__in=[e.pk for e in entries], docx__isnull=False
            ).values_list("pk", flat=True)
        ),
        "can_keep": can_keep,
        "form": form,
        "scan_form": ScanForm(),
    }
    return render(request, "documents/register.html", context)


@login_required
def register_xlsx_view(request: HttpRequest) -> HttpResponse:
    issuer, _issuers = _issuer(request)
    if issuer is None:
        raise Http404
    year = _year(request)
    entries = selectors.register_entries(
        request.user, issuer=issuer, year=year, type_code=request.GET.get("type", "")
    ).order_by("year", "type_code", "number")
    title = f"Sổ đăng ký văn bản đi – {issuer.name}" + (f" – năm {year}" if year else "")
    response = HttpResponse(exports.register_workbook(title, entries), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="so-van-ban-di-{issuer.issuer_code}-{year or "tat-ca"}.xlsx"'
    )
    return response


def _filename(entry: DocumentNumber, extension: str) -> str:
    return f"{entry.number}-{entry.type_code}-{entry.issuer.issuer_code}-{entry.year}.{extension}"


@login_required
def entry_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for_user(request.user, pk)
    if not entry.docx:
        raise Http404(_("Dangvu did not make this document; only its scan can be attached."))
    response = HttpResponse(bytes(entry.docx), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(entry, "docx")}"'
    return response


@login_required
def entry_scan_view(request: HttpRequest, pk: int) -> FileResponse:
    entry = selectors.get_entry_for_user(request.user, pk)
    if not entry.signed_scan:
        raise Http404(_("No signed scan has been attached yet."))
    extension = entry.signed_scan.name.rsplit(".", 1)[-1]
    return FileResponse(
        entry.signed_scan.open("rb"),
        as_attachment=True,
        filename=_filename(entry, extension),
    )


@login_required
@require_POST
def entry_scan_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for_user(request.user, pk)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["scan"]
        try:
            services.register_attach_scan(
                entry=entry, name=upload.name, data=upload.read(), by=policy.actor_of(request)
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The signed copy of Số %(number)s is attached.") % {"number": entry}
            )
    else:
        messages.error(request, _("Choose the scan file to attach."))
    return redirect(_register_url(entry.issuer, entry.year))
