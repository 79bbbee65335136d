"""The office's doors outside Wagtail: "Tạo bài viết" from a conference and "Đăng lên cổng thông
tin" from an issued report (POSTs), which draft the article and open it in the Wagtail editor;
publishing an issued notice under "Văn bản"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core.policy import actor_of
from dangvu.meetings.selectors import get_conference_for_user
from dangvu.portal import feeds, services
from dangvu.portal.models import PortalHomePage


@login_required
@require_POST
def article_from_conference_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    try:
        article = services.article_from_conference(conference=conference, by=actor_of(request))
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return HttpResponseRedirect(reverse("meetings:detail", args=[conference.pk]))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


@login_required
@require_POST
def article_from_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Đăng lên cổng thông tin" on an issued report (`pk`: the period): drafts the article and
    opens it in the Wagtail editor; a refusal goes back to the report with its reason."""
    from dangvu.reports.selectors import get_period_for_user

    period = get_period_for_user(request.user, pk)  # 404 for a report the user cannot read
    issued = getattr(period, "issued", None)
    back = HttpResponseRedirect(reverse("reports:draft", args=[period.pk]))
    if issued is None:
        messages.error(request, _("Only an issued report can be published on the portal."))
        return back
    try:
        article = services.article_from_report(issued_report=issued, by=actor_of(request))
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    messages.success(request, _("A draft article was made; edit it and send it for review."))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


@login_required
@require_POST
def notice_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the publication of the issued notice: LibreOffice makes its PDF in the worker
    (`portal.background`), and the job's page follows it."""
    from dangvu.portal.background import publish_later

    return publish_later(request, get_conference_for_user(request.user, pk))


@login_required
@require_POST
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the publication of the issued report (`pk`: the period) under "Văn bản": its PDF is
    made by LibreOffice in the worker (`portal.background`)."""
    from dangvu.portal.background import report_publish_later
    from dangvu.reports.selectors import get_period_for_user

    return report_publish_later(request, get_period_for_user(request.user, pk))


def sitemap_view(request: HttpRequest, slug: str) -> HttpResponse:
    """/portal/<portal>/sitemap.xml (Wagtail serves only paths ending in a slash)."""
    portal = get_object_or_404(PortalHomePage.objects.live(), slug=slug)
    if portal.get_url(request) is None:
        raise Http404
    return feeds.sitemap(request, portal=portal)
