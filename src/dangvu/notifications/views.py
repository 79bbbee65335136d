"""The notifications page, marking read, and the unread badge of the navigation.

The badge is fetched by HTMX after the page has loaded (`badge`), so that no page of the other
apps pays a query for it (their query counts stay what they are)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core.policy import actor_of
from dangvu.notifications import selectors, services

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notifications_for(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read; then follow the notification's link when asked to open it."""
    notification = selectors.get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification, by=actor_of(request))
    link = notification.link
    if "open" in request.POST and notification.target_type_id and notification.target is None:
        # its target was deleted before deletions cleared the link (`targets._forget`)
        messages.warning(request, _("What this notification was about no longer exists."))
        return redirect("notifications:list")
    if "open" in request.POST and link and url_has_allowed_host_and_scheme(link, None):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(by=actor_of(request))
    return redirect("notifications:list")


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    return render(
        request, "notifications/_badge.html", {"unread": selectors.unread_count(request.user)}
    )
