"""The office's one page outside Wagtail: "Tạo bài viết" from a conference (POST), which drafts
the article and opens it in the Wagtail editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.meetings.selectors import get_conference_for_user
from dangvu.portal import feeds, services
from dangvu.portal.models import PortalHomePage


@login_required
@require_POST
def article_from_conference_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    try:
        article = services.article_from_conference(conference=conference, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return HttpResponseRedirect(reverse("meetings:detail", args=[conference.pk]))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


@login_required
@require_POST
def notice_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = getattr(conference, "conclusion", None)
    try:
        if conclusion is None:
            raise ValidationError(_("Only an issued notice can be published."))
        services.notice_publish(conclusion=conclusion, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, _("The notice is published under “Văn bản”."))
    return HttpResponseRedirect(reverse("meetings:detail", args=[conference.pk]))


def sitemap_view(request: HttpRequest, slug: str) -> HttpResponse:
    """/portal/<portal>/sitemap.xml (Wagtail serves only paths ending in a slash)."""
    portal = get_object_or_404(PortalHomePage.objects.live(), slug=slug)
    if portal.get_url(request) is None:
        raise Http404
    return feeds.sitemap(request, portal=portal)
