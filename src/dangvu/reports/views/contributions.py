"""Pages of a unit's contribution: writing it (sections and indicators), sending it on, the
office accepting or returning it, its files and the Word import. A unit's users reach only their
unit's contributions (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import background, files, locking, policy
from dangvu.core.forms import add_service_errors
from dangvu.core.policy import actor_of
from dangvu.reports import permissions, selectors, services
from dangvu.reports.enums import ImportStatus, SectionRole
from dangvu.reports.forms import AttachmentForm, ContributionForm, ImportReviewForm, ReturnForm
from dangvu.reports.models import Contribution, ContributionImport

from ._common import CONFLICT, REFUSED


def _contribution_form(contribution: Contribution, data: Any = None) -> ContributionForm:
    period = contribution.period
    return ContributionForm(
        data,
        sections=[s for s in period.sections.all() if s.role == SectionRole.TOPIC],
        indicators=period.indicators.all(),
        entries=selectors.contribution_with_entries(contribution),
        values=selectors.contribution_values(contribution),
        initial={"base_token": locking.token(contribution)},
    )


def contribution_page(
    request: HttpRequest,
    contribution: Contribution,
    *,
    form: ContributionForm | None = None,
    return_form: ReturnForm | None = None,
    head_return_form: ReturnForm | None = None,
    attach_form: AttachmentForm | None = None,
    import_form: AttachmentForm | None = None,
    import_review_form: ImportReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The contribution page; a refused form is passed in bound, with what was typed."""
    user = request.user
    period = contribution.period
    entries = selectors.contribution_with_entries(contribution)
    form = form or _contribution_form(contribution)
    topics = [(section, entries.get(section.pk), fields) for section, fields in form.topic_rows()]
    values = selectors.contribution_values(contribution)
    indicators = [(i, values.get(i.pk), field) for i, field in form.indicator_rows()]
    # Once the report is issued the page only reads (the services refuse any change anyway).
    issued = getattr(period, "issued", None)
    open_ = issued is None
    context = {
        "contribution": contribution,
        "period": period,
        "form": form,
        "topics": topics,
        "indicators": indicators,
        "attachments": contribution.attachments.defer("data"),
        **_import_review(contribution, topics, import_form=import_review_form),
        "can_write": open_ and permissions.can_write_now(user, contribution),
        "can_send": open_ and permissions.can_send_now(user, contribution),
        "can_submit": open_ and permissions.can_submit_now(user, contribution),
        "can_return_to_reporter": open_
        and permissions.can_return_to_reporter_now(user, contribution),
        "head_return_form": head_return_form or ReturnForm(auto_id="head-%s"),
        "can_manage": open_ and policy.allowed(user, "period.manage", period),
        "issued": issued,
        "return_form": return_form or ReturnForm(),
        "attach_form": attach_form or AttachmentForm(initial={"kind": "file"}),
        "import_form": import_form or AttachmentForm(initial={"kind": "docx"}, auto_id="import-%s"),
    }
    return render(request, "reports/contribution.html", context, status=status)


def _import_sections(imported: ContributionImport, topics: list[Any]) -> list[tuple[int, str]]:
    changes = services.import_changes(imported)
    return [(s.pk, f"{s.number}. {s.title}") for s, _e, _f in topics if s.pk in changes]


def _import_review(
    contribution: Contribution, topics: list[Any], *, import_form: ImportReviewForm | None
) -> dict[str, Any]:
    """A Word import waiting for review: per section, what is written now beside what the
    document would put in its place (only the parts it has text for), with a box to take it."""
    imported = contribution.imports.filter(status=ImportStatus.PENDING).first()
    if imported is None:
        return {"pending_import": None}
    changes = services.import_changes(imported)
    rows = [
        (section, entry, changes[section.pk])
        for section, entry, _f in topics
        if section.pk in changes
    ]
    form = import_form or ImportReviewForm(sections=_import_sections(imported, topics))
    boxes = {int(box.data["value"]): box for box in form["sections"]}
    return {
        "pending_import": imported,
        "import_rows": [(s, e, c, boxes.get(s.pk)) for s, e, c in rows],
        "import_review_form": form,
    }


@login_required
@require_http_methods(["GET", "POST"])
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    if request.method != "POST":
        return contribution_page(request, contribution)
    form = _contribution_form(contribution, request.POST)
    if not form.is_valid():
        # Authority first: a user who may not write gets the refusal, not the form's errors.
        action = form.cleaned_data.get("action", "save")
        permission = "contribution.submit" if action == "submit" else "contribution.write"
        policy.require(request.user, permission, contribution, message=services.WRITE_REFUSAL)
        return contribution_page(request, contribution, form=form, status=REFUSED)
    action = form.cleaned_data["action"]
    try:
        contribution = services.contribution_post(
            contribution=contribution,
            action=action,
            entries=form.entries(),
            values=form.values(),
            by=actor_of(request),
            base_token=form.cleaned_data["base_token"] or None,
        )
    except ValidationError as error:
        # What was typed stays in the form; the token is the saved version's, so saving again
        # after reading the message is a deliberate overwrite (409 when someone saved meanwhile).
        data = request.POST.copy()
        data["base_token"] = locking.token(contribution)
        form = _contribution_form(contribution, data)
        form.is_valid()
        add_service_errors(form, error)
        status = CONFLICT if isinstance(error, locking.EditConflict) else REFUSED
        return contribution_page(request, contribution, form=form, status=status)
    if action == "send":
        messages.success(request, _("Sent to the unit head."))
    elif action == "submit":
        if contribution.late:
            messages.warning(request, _("Submitted after the due date: marked late."))
        else:
            messages.success(request, _("Submitted to the office."))
    else:
        messages.success(request, _("Saved."))
    return redirect("reports:contribution", pk=contribution.pk)


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


def _send_back(
    request: HttpRequest, pk: int, *, service: Any, done: str, head: bool
) -> HttpResponse:
    """Send a contribution back with a reason: the office to the unit, or (`head`) the unit head to
    the reporter. A refused reason comes back on the page in its own form, as typed."""
    contribution = selectors.get_contribution_for_user(request.user, pk)
    auto_id = "head-%s" if head else "id_%s"  # the page's two return forms have their own ids
    form = ReturnForm(request.POST, auto_id=auto_id)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        service(contribution=contribution, reason=reason, by=actor_of(request))
    except ValidationError as error:
        form = ReturnForm(request.POST, auto_id=auto_id)
        form.is_valid()
        add_service_errors(form, error)
        if head:
            return contribution_page(request, contribution, head_return_form=form, status=REFUSED)
        return contribution_page(request, contribution, return_form=form, status=REFUSED)
    messages.success(request, done)
    if head:
        return redirect("reports:contribution", pk=contribution.pk)
    return redirect("reports:period", pk=contribution.period_id)


@login_required
@require_POST
def contribution_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The office returns the contribution to the unit, with a reason."""
    return _send_back(
        request,
        pk,
        service=services.contribution_return,
        done=_("Contribution returned to the unit."),
        head=False,
    )


@login_required
@require_POST
def contribution_return_to_reporter(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit head sends what the reporter handed him back, with a reason."""
    return _send_back(
        request,
        pk,
        service=services.contribution_return_to_reporter,
        done=_("Returned to the reporter."),
        head=True,
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.get_contribution_for_user(request.user, pk)
    docx = AttachmentForm(request.POST)["kind"].value() == "docx"
    # each of the page's two file forms has its own ids; a refused one comes back in its place
    form = AttachmentForm(request.POST, request.FILES, auto_id="import-%s" if docx else "id_%s")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(services.MAX_ATTACHMENT_BYTES + 1)
        try:
            if docx and background.deferred(data):
                # a large document: the worker reads it (reports.background)
                job = background.enqueue(
                    kind="reports.contribution_import",
                    owner=request.user,
                    file_name=upload.name,
                    data=data,
                    params={"contribution": contribution.pk},
                )
                return redirect("core:job", pk=job.pk)
            if docx:
                services.contribution_import_docx(
                    contribution=contribution, name=upload.name, data=data, by=actor_of(request)
                )
                messages.success(request, _("Document read: review it below before applying it."))
            else:
                services.attachment_add(
                    contribution=contribution, name=upload.name, data=data, by=actor_of(request)
                )
                messages.success(request, _("File attached."))
        except background.TooManyJobsError as error:  # too many files waiting: say so here
            form.add_error("file", str(error))
        except ValidationError as error:
            # the file's own refusal (kind, size, content) is shown beside the file input
            form.add_error(None if hasattr(error, "error_dict") else "file", error)
        else:
            return redirect("reports:contribution", pk=contribution.pk)
    if docx:
        return contribution_page(request, contribution, import_form=form, status=REFUSED)
    return contribution_page(request, contribution, attach_form=form, status=REFUSED)


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
    topics = [
        (s, None, None) for s in contribution.period.sections.all() if s.role == SectionRole.TOPIC
    ]
    form = ImportReviewForm(request.POST, sections=_import_sections(imported, topics))
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "apply":
                services.contribution_import_apply(
                    imported=imported, sections=form.chosen(), by=actor_of(request)
                )
                messages.success(request, _("The chosen sections were taken from the document."))
            else:
                services.contribution_import_discard(imported=imported, by=actor_of(request))
                messages.info(request, _("Import discarded."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:contribution", pk=contribution.pk)
    return contribution_page(request, contribution, import_review_form=form, status=REFUSED)
