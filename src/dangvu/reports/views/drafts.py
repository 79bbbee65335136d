"""Pages of the consolidated draft: reading a version, consolidating, the office's edit, and the
difference between two versions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import policy
from dangvu.core.forms import add_service_errors
from dangvu.core.policy import actor_of
from dangvu.reports import consolidation, selectors, services
from dangvu.reports.forms import (
    AnswerForm,
    CommentForm,
    ConsolidateForm,
    DiffForm,
    DraftEditForm,
    VersionForm,
)
from dangvu.reports.models import DraftVersion, Period

from ._common import CONFLICT, REFUSED, refuse_if_issued, show_to_office


def version_asked(request: HttpRequest, period: Period) -> DraftVersion | None:
    """The version named by `?v=` (404 when there is no such one), or the latest."""
    form = VersionForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such version."))
    number = form.cleaned_data["v"]
    if number:
        return selectors.get_version(period, number)
    return selectors.latest_version(period)


def comment_sections(version: DraftVersion | None) -> list[tuple[int, str]]:
    return [
        (s["section"], f"{s['number']}. {s['title']}") for s in (version.body if version else [])
    ]


def draft_page(
    request: HttpRequest,
    period: Period,
    *,
    version: DraftVersion | None = None,
    comment_form: CommentForm | None = None,
    answer_forms: dict[int, AnswerForm] | None = None,
) -> HttpResponse:
    """The draft page; a refused comment or answer is passed in bound, with what was typed."""
    latest = selectors.latest_version(period)
    version = version or latest
    comments = list(selectors.comments_of(period))
    answer_forms = answer_forms or {}
    comment_rows = [
        (c, answer_forms.get(c.pk) or AnswerForm(auto_id=f"answer-{c.pk}-%s")) for c in comments
    ]
    issued = getattr(period, "issued", None)
    refused = bool(
        (comment_form is not None and comment_form.errors)
        or any(f.errors for f in answer_forms.values())
    )
    context = {
        "period": period,
        "version": version,
        "latest": latest,
        "is_latest": version is not None and latest is not None and version.pk == latest.pk,
        "versions": selectors.version_list(period),
        "table": selectors.indicator_table(period),
        "comments": comment_rows,
        "open_count": sum(1 for c in comments if c.status == "open"),
        "comment_form": comment_form or CommentForm(sections=comment_sections(version)),
        "can_manage": policy.allowed(request.user, "period.manage", period) and issued is None,
        "can_comment": policy.allowed(request.user, "period.comment", period) and issued is None,
        "issued": issued,
    }
    return render(request, "reports/draft.html", context, status=REFUSED if refused else 200)


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    return draft_page(request, period, version=version_asked(request, period))


@login_required
@require_POST
def draft_consolidate(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    form = ConsolidateForm(request.POST)
    base = (form.cleaned_data["base_version"] if form.is_valid() else None) or 0
    try:
        version = services.draft_consolidate(period=period, base_version=base, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Version %(n)d saved.") % {"n": version.number})
    return redirect("reports:draft", pk=period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    show_to_office(request, period)
    if (read_only := refuse_if_issued(request, period)) is not None:
        return read_only
    latest = selectors.latest_version(period)
    if latest is None:
        raise Http404(_("No such version."))
    initial: dict[str, Any] = {
        f"section-{s['section']}": "".join(
            format_html("<p>{}</p>", p["text"]) for p in s["paragraphs"]
        )
        for s in latest.body
    }
    initial["base_version"] = latest.number
    form = DraftEditForm(request.POST or None, body=latest.body, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.draft_save(
                    period=period,
                    base_version=form.cleaned_data["base_version"],
                    texts=form.texts(),
                    note=form.cleaned_data["note"],
                    by=actor_of(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = CONFLICT
            else:
                messages.success(request, _("Version %(n)d saved.") % {"n": version.number})
                return redirect("reports:draft", pk=period.pk)
        else:
            status = REFUSED
    context = {"period": period, "latest": latest, "form": form}
    return render(request, "reports/draft_edit.html", context, status=status)


@login_required
def draft_diff(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    latest = selectors.latest_version(period)
    if latest is None:
        raise Http404(_("No such version."))
    form = DiffForm(request.GET)
    if not form.is_valid():
        raise Http404(_("No such version."))
    new = selectors.get_version(period, form.cleaned_data["b"] or latest.number)
    old = selectors.get_version(period, form.cleaned_data["a"] or max(new.number - 1, 1))
    context = {
        "period": period,
        "old": old,
        "new": new,
        "sections": consolidation.diff(old.body, new.body),
        "versions": selectors.version_list(period),
    }
    return render(request, "reports/draft_diff.html", context)
