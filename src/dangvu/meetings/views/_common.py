"""What the conference pages share: the edit-page rule (404 unread, 403 not editable), the
page address, a POST action with its message, the conclusion or 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.meetings import services
from dangvu.meetings.models import Conclusion, Conference
from dangvu.meetings.selectors import (
    conclusion_of,
    get_conference_for_user,
)


def _edit_page(request: HttpRequest, pk: int) -> Conference:
    """The conference for a page that is only an edit form: 404 when the user may not read it,
    403 when the user reads it but may not edit it (the service decides again on saving)."""
    conference = get_conference_for_user(request.user, pk)
    if not policy.allowed(request.user, "conference.edit", conference):
        raise PermissionDenied(services.EDIT_REFUSAL)
    return conference


def _detail_url(conference: Conference) -> str:
    return reverse("meetings:detail", args=[conference.pk])


def _post_action(
    request: HttpRequest, conference: Conference, action: Any, done: str
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(conference))


def _conclusion_or_404(conference: Conference) -> Conclusion:
    conclusion = conclusion_of(conference)
    if conclusion is None:
        raise Http404(_("This conference has no conclusion yet."))
    return conclusion
