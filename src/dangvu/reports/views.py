"""Pages of period reports. Reads come from selectors, writes from services. The office runs a
period (403 for others); a unit's users reach only their unit's contributions (404 otherwise)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import background, files, locking, policy
from dangvu.core.dates import today
from dangvu.core.files import attachment_header
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope
from dangvu.reports import consolidation, exports, permissions, selectors, services
from dangvu.reports.enums import ImportStatus, SectionRole
from dangvu.reports.forms import (
    AnswerForm,
    CommentForm,
    IssueForm,
    OutlineForm,
    PeriodForm,
    RequestForm,
    ReturnForm,
    UploadForm,
)
from dangvu.reports.models import Comment, Contribution, OutlineTemplate, Period

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _show_to_office(request: HttpRequest, period: Period | None = None) -> None:
    """A page that is only the office's form (new period, outline, draft, issue): shown only
    to those the policy allows (403 otherwise). The services decide again when it is sent."""
    user = request.user
    shown = (
        permissions.can_run_periods(user)
        if period is None
        else policy.allowed(user, "period.manage", period)
    )
    if not shown:
        raise PermissionDenied(_("Only the committee's office staff may do this."))


def _committees(user: Any) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.filter(kind="party").order_by("path")
    managed = Scope.of(user).paths(ORG_MANAGER_ROLES)
    return Organisation.objects.filter(path__in=managed).order_by("path")


def _units_under(committees: QuerySet[Organisation], day: Any) -> QuerySet[Organisation]:
    """Units under the committees. Not filtered by date: a period may cover a past year whose
    units have since been merged (the 2020 district units, for one)."""
    condition = Q(pk__in=[])
    for path in committees.values_list("path", flat=True):
        condition |= Q(path__startswith=path) & ~Q(path=path)
    return Organisation.objects.filter(condition).order_by("path")


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.periods_visible_to(request.user).order_by("-starts_on", "-pk")
    context = {"periods": periods, "can_create": permissions.can_run_periods(request.user)}
    return render(request, "reports/period_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest) -> HttpResponse:
    _show_to_office(request)
    committees = _committees(request.user)
    day = today()
    form = PeriodForm(
        request.POST or None,
        committees=committees,
        units=_units_under(committees, day),
        templates=OutlineTemplate.objects.filter(committee__in=committees),
        initial={"committee": committees.first(), "year": day.year},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        committee = data.pop("committee")
        units = data.pop("units")
        template = data.pop("template")
        if template is not None:
            data["sections_text"] = template.sections_text
            data["indicators_text"] = template.indicators_text
        try:
            period = services.period_create(committee=committee, by=actor_of(request), **data)
            services.contributions_request(period=period, units=units, by=actor_of(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Reporting period opened."))
            return redirect("reports:period", pk=period.pk)
    return render_form_page(request, form, _("New reporting period"), reverse("reports:list"))


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The status board: who submitted, who is late, who was returned."""
    period = selectors.get_period_for_user(request.user, pk)
    can_manage = policy.allowed(request.user, "period.manage", period)
    rows = selectors.status_board(period, user=request.user)
    day = today()
    context = {
        "period": period,
        "rows": rows,
        "counts": selectors.status_counts(rows),
        "overdue": day > period.due_on,
        "can_manage": can_manage,
        "request_form": RequestForm(units=_units_under(_committees(request.user), day))
        if can_manage
        else None,
        "issued": getattr(period, "issued", None),
    }
    return render(request, "reports/period_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def outline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    _show_to_office(request, period)
    sections_text, indicators_text = services.outline_texts(period)
    initial = {
        "sections_text": sections_text,
        "indicators_text": indicators_text,
        "base_token": services.outline_token(period),
    }
    form = OutlineForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outline_update(
                period=period,
                sections_text=data["sections_text"],
                indicators_text=data["indicators_text"],
                by=actor_of(request),
                base_token=data["base_token"],
            )
            if data["save_as_template"]:
                services.template_save(
                    committee=period.committee,
                    name=data["save_as_template"],
                    sections_text=data["sections_text"],
                    indicators_text=data["indicators_text"],
                    by=actor_of(request),
                )
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, locking.EditConflict):
                # 409, what was typed kept; saving again now overwrites on purpose
                status = 409
                data = request.POST.copy()
                data["base_token"] = services.outline_token(period)
                form.data = data
        else:
            messages.success(request, _("Outline saved."))
            return redirect("reports:period", pk=period.pk)
    response = render_form_page(
        request, form, _("Outline and indicators"), reverse("reports:period", args=[period.pk])
    )
    response.status_code = status
    return response


@login_required
@require_POST
def contributions_request(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    form = RequestForm(request.POST, units=_units_under(_committees(request.user), today()))
    if form.is_valid():
        try:
            created = services.contributions_request(
                period=period, units=form.cleaned_data["units"], by=actor_of(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)d units asked.") % {"count": len(created)})
    elif not policy.allowed(request.user, "period.manage", period):  # no form to show him
        raise PermissionDenied(_("Only the committee's office staff may do this."))
    else:
        messages.error(request, _("Choose at least one unit."))
    return redirect("reports:period", pk=period.pk)


@login_required
@require_POST
def remind_late(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    try:
        count = services.reminders_send(period=period, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request, _("Reminder sent to %(count)d late units.") % {"count": count}
            )
        else:
            messages.info(request, _("No unit is late."))
    return redirect("reports:period", pk=period.pk)


# --- Contributions --------------------------------------------------------------------------


def _contribution_context(request: HttpRequest, contribution: Contribution) -> dict[str, Any]:
    user = request.user
    period = contribution.period
    entries = selectors.contribution_with_entries(contribution)
    values = selectors.contribution_values(contribution)
    topics = [
        (section, entries.get(section.pk))
        for section in period.sections.all()
        if section.role == SectionRole.TOPIC
    ]
    indicators = [(i, values.get(i.pk)) for i in period.indicators.all()]
    return {
        "contribution": contribution,
        "period": period,
        "topics": topics,
        "indicators": indicators,
        "attachments": contribution.attachments.defer("data"),
        "pending_import": contribution.imports.filter(status=ImportStatus.PENDING).first(),
        "can_write": permissions.can_write_now(user, contribution),
        "can_submit": permissions.can_submit_now(user, contribution),
        "can_manage": policy.allowed(user, "period.manage", period),
        "return_form": ReturnForm(),
        "upload_form": UploadForm(),
        "base_token": locking.token(contribution),
    }


def _posted_entries(request: HttpRequest, contribution: Contribution) -> tuple[dict, dict]:
    entries: dict[int, dict[str, str]] = {}
    for section in contribution.period.sections.filter(role=SectionRole.TOPIC):
        entries[section.pk] = {
            key: request.POST.get(f"s{section.pk}-{key}", "")
            for key in ("results", "shortcomings", "tasks")
        }
    values = {i.pk: request.POST.get(f"i{i.pk}", "") for i in contribution.period.indicators.all()}
    return entries, values


def _posted_entry(request: HttpRequest, section_pk: int) -> SimpleNamespace:
    return SimpleNamespace(
        **{
            k: request.POST.get(f"s{section_pk}-{k}", "")
            for k in ("results", "shortcomings", "tasks")
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        entries, values = _posted_entries(request, contribution)
        try:
            contribution = services.contribution_post(
                contribution=contribution,
                action=action,
                entries=entries,
                values=values,
                by=actor_of(request),
                base_token=request.POST.get("base_token"),
            )
            if action == "send":
                messages.success(request, _("Sent to the unit head."))
            elif action == "submit":
                if contribution.late:
                    messages.warning(request, _("Submitted after the due date: marked late."))
                else:
                    messages.success(request, _("Submitted to the office."))
            else:
                messages.success(request, _("Saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            context = _contribution_context(request, contribution)
            context["posted"] = request.POST
            # What was typed stays in the form; the token is the saved version's, so saving
            # again after reading the message is a deliberate overwrite.
            context["topics"] = [
                (section, _posted_entry(request, section.pk))
                for section, _entry in context["topics"]
            ]
            # 409 when someone saved meanwhile (core.locking), as the draft answers
            status = 409 if isinstance(error, locking.EditConflict) else 422
            return render(request, "reports/contribution.html", context, status=status)
        return redirect("reports:contribution", pk=contribution.pk)
    return render(
        request, "reports/contribution.html", _contribution_context(request, contribution)
    )


@login_required
@require_POST
def contribution_accept(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    try:
        services.contribution_accept(contribution=contribution, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Contribution accepted."))
    return redirect("reports:period", pk=contribution.period_id)


@login_required
@require_POST
def contribution_return(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.contribution_return(contribution=contribution, reason=reason, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:contribution", pk=contribution.pk)
    messages.success(request, _("Contribution returned to the unit."))
    return redirect("reports:period", pk=contribution.period_id)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return redirect("reports:contribution", pk=contribution.pk)
    upload = form.cleaned_data["file"]
    data = upload.read(services.MAX_ATTACHMENT_BYTES + 1)
    if request.POST.get("kind") == "docx" and background.deferred(data):
        # a large document: the worker reads it (reports.background)
        job = background.enqueue(
            kind="reports.contribution_import",
            owner=request.user,
            file_name=upload.name,
            data=data,
            params={"contribution": contribution.pk},
        )
        return redirect("core:job", pk=job.pk)
    try:
        if request.POST.get("kind") == "docx":
            services.contribution_import_docx(
                contribution=contribution, name=upload.name, data=data, by=actor_of(request)
            )
            messages.success(request, _("Document read: review it below before applying it."))
        else:
            services.attachment_add(
                contribution=contribution, name=upload.name, data=data, by=actor_of(request)
            )
            messages.success(request, _("File attached."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:contribution", pk=contribution.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    attachment = contribution.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("No such file."))
    # FileResponse: a Vietnamese file name reaches the browser (filename*=UTF-8''…), nosniff
    return files.attachment(bytes(attachment.data), attachment.name, attachment.content_type)


@login_required
@require_POST
def import_review(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    imported = contribution.imports.filter(pk=import_pk).first()
    if imported is None:
        raise Http404(_("No such import."))
    try:
        if request.POST.get("action") == "apply":
            services.contribution_import_apply(imported=imported, by=actor_of(request))
            messages.success(request, _("The document's sections replaced what was written."))
        else:
            services.contribution_import_discard(imported=imported, by=actor_of(request))
            messages.info(request, _("Import discarded."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:contribution", pk=contribution.pk)


# --- The draft ------------------------------------------------------------------------------


def _version_or_latest(request: HttpRequest, period: Period) -> Any:
    number = request.GET.get("v")
    if number:
        return selectors.get_version(period, number)
    return selectors.latest_version(period)


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    latest = selectors.latest_version(period)
    number = request.GET.get("v")
    version = selectors.get_version(period, number) if number else latest
    can_manage = policy.allowed(request.user, "period.manage", period)
    sections = [
        (s["section"], f"{s['number']}. {s['title']}") for s in (version.body if version else [])
    ]
    comments = list(selectors.comments_of(period))
    issued = getattr(period, "issued", None)
    context = {
        "period": period,
        "version": version,
        "latest": latest,
        "is_latest": version is not None and latest is not None and version.pk == latest.pk,
        "versions": selectors.version_list(period),
        "table": selectors.indicator_table(period),
        "comments": comments,
        "open_count": sum(1 for c in comments if c.status == "open"),
        "comment_form": CommentForm(sections=sections),
        "answer_form": AnswerForm(),
        "can_manage": can_manage and issued is None,
        "can_comment": policy.allowed(request.user, "period.comment", period) and issued is None,
        "issued": issued,
    }
    return render(request, "reports/draft.html", context)


@login_required
@require_POST
def draft_consolidate(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    base = request.POST.get("base_version") or 0
    try:
        version = services.draft_consolidate(
            period=period, base_version=int(base), by=actor_of(request)
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Version %(n)d saved.") % {"n": version.number})
    return redirect("reports:draft", pk=period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    _show_to_office(request, period)
    latest = selectors.latest_version(period)
    if latest is None:
        raise Http404(_("No such version."))
    base = latest.number
    texts = {s["section"]: "\n".join(p["text"] for p in s["paragraphs"]) for s in latest.body}
    error_text = None
    if request.method == "POST":
        try:
            base = int(request.POST.get("base_version", "0"))
        except ValueError:
            base = 0
        texts = {s["section"]: request.POST.get(f"section-{s['section']}", "") for s in latest.body}
        try:
            version = services.draft_save(
                period=period,
                base_version=base,
                texts=texts,
                note=request.POST.get("note", ""),
                by=actor_of(request),
            )
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(request, _("Version %(n)d saved.") % {"n": version.number})
            return redirect("reports:draft", pk=period.pk)
    rows = [(s, texts.get(s["section"], "")) for s in latest.body]
    context = {"period": period, "latest": latest, "base": base, "rows": rows, "error": error_text}
    return render(request, "reports/draft_edit.html", context, status=409 if error_text else 200)


@login_required
def draft_diff(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    latest = selectors.latest_version(period)
    if latest is None:
        raise Http404(_("No such version."))
    new = selectors.get_version(period, request.GET.get("b") or latest.number)
    old = selectors.get_version(period, request.GET.get("a") or max(new.number - 1, 1))
    context = {
        "period": period,
        "old": old,
        "new": new,
        "sections": consolidation.diff(old.body, new.body),
        "versions": selectors.version_list(period),
    }
    return render(request, "reports/draft_diff.html", context)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    version = selectors.get_version(period, request.POST.get("version"))
    sections = [(s["section"], s["title"]) for s in version.body]
    form = CommentForm(request.POST, sections=sections)
    if form.is_valid():
        data = form.cleaned_data
        section = period.sections.filter(pk=data["section"]).first() if data["section"] else None
        unit = _user_unit(request.user)
        try:
            services.comment_add(
                version=version,
                text=data["text"],
                passage=data["passage"],
                section=section,
                author_name=data["author_name"],
                author_unit=unit,
                by=actor_of(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write the comment."))
    return redirect(reverse("reports:draft", args=[period.pk]) + "#comments")


def _user_unit(user: Any) -> Organisation | None:
    from dangvu.org.models import Membership

    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    return membership.organisation if membership else None


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    comment = Comment.objects.filter(pk=comment_pk, version__period=period).first()
    if comment is None:
        raise Http404(_("No such comment."))
    form = AnswerForm(request.POST)
    status = request.POST.get("status", "")
    answer = form.data.get("answer", "")
    try:
        services.comment_answer(comment=comment, status=status, answer=answer, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Answer saved."))
    return redirect(reverse("reports:draft", args=[period.pk]) + "#comments")


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    _show_to_office(request, period)
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


def _download_name(period: Period, version: Any, ext: str) -> str:
    return f"bao-cao-{period.pk}-v{version.number}.{ext}"


@login_required
def download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    version = _version_or_latest(request, period)
    if version is None:
        raise Http404(_("No such version."))
    issued = getattr(period, "issued", None)
    issued = issued if issued is not None and issued.version_id == version.pk else None
    response = HttpResponse(exports.version_docx(version, issued), content_type=DOCX_TYPE)
    response["Content-Disposition"] = attachment_header(_download_name(period, version, "docx"))
    return response


@login_required
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from dangvu.documents.background import convert_later

    period = selectors.get_period_for_user(request.user, pk)
    version = _version_or_latest(request, period)
    if version is None:
        raise Http404(_("No such version."))
    issued = getattr(period, "issued", None)
    issued = issued if issued is not None and issued.version_id == version.pk else None
    # LibreOffice takes seconds: the worker converts it (documents.background)
    return convert_later(
        request,
        docx=exports.version_docx(version, issued),
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
