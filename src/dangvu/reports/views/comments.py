"""Comments on the draft (delegates, units, leaders) and the office's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import policy
from dangvu.core.forms import add_service_errors
from dangvu.core.policy import actor_of
from dangvu.reports import selectors, services
from dangvu.reports.forms import AnswerForm, CommentForm, CommentVersionForm
from dangvu.reports.models import Comment

from ._common import user_unit
from .drafts import comment_sections, draft_page


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    picked = CommentVersionForm(request.POST)
    if not picked.is_valid():
        raise Http404(_("No such version."))
    version = selectors.get_version(period, picked.cleaned_data["version"])
    form = CommentForm(request.POST, sections=comment_sections(version))
    if form.is_valid():
        data = form.cleaned_data
        section = period.sections.filter(pk=data["section"]).first() if data["section"] else None
        try:
            services.comment_add(
                version=version,
                text=data["text"],
                passage=data["passage"],
                section=section,
                author_name=data["author_name"],
                author_unit=user_unit(request.user),
                by=actor_of(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Comment added."))
            return redirect(reverse("reports:draft", args=[period.pk]) + "#comments")
    elif not policy.allowed(request.user, "period.comment", period):
        raise PermissionDenied(_("You may not comment on this report."))
    return draft_page(request, period, version=version, comment_form=form)


@login_required
@require_POST
def comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    comment = Comment.objects.filter(pk=comment_pk, version__period=period).first()
    if comment is None:
        raise Http404(_("No such comment."))
    form = AnswerForm(request.POST, auto_id=f"answer-{comment.pk}-%s")
    if form.is_valid():
        try:
            services.comment_answer(
                comment=comment,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
                by=actor_of(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Answer saved."))
            return redirect(reverse("reports:draft", args=[period.pk]) + "#comments")
    elif not policy.allowed(request.user, "period.manage", period):
        raise PermissionDenied(_("Only the committee's office staff may do this."))
    return draft_page(request, period, answer_forms={comment.pk: form})
