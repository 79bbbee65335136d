"""The JSON API: one NinjaAPI, a router per app, one error shape `{"detail": ...}`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from dangvu.accounts import throttle
from dangvu.accounts.services import api_token_authenticate
from dangvu.assignments.api import router as tasks_router
from dangvu.evaluation.api import router as evaluation_router
from dangvu.inspection.api import router as inspection_router
from dangvu.meetings.api import router as meetings_router
from dangvu.org.api import router as org_router
from dangvu.reports.api import router as reports_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer dv_…`, a token made on the account page. Tried first: a request it
    authenticates needs no CSRF token (a browser cannot send this header across sites); every
    other request falls to the session, which keeps its CSRF check. Bad tokens are counted per
    address, and a guessing address is refused (429) before its token is looked at."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if throttle.address_locked(request):
            raise HttpError(429, throttle.lockout_message())
        user = api_token_authenticate(token)
        if user is None:
            throttle.bad_secret(request)
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="Dangvu API",
    version="1",
    description="Organisations, reports, meetings and tasks of a Party committee.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/org/", org_router)
api.add_router("/reports/", reports_router)
api.add_router("/tasks/", tasks_router)
api.add_router("/meetings/", meetings_router)
api.add_router("/inspection/", inspection_router)
api.add_router("/evaluation/", evaluation_router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)
