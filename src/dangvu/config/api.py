"""The JSON API: one NinjaAPI, a router per app, one error shape `{"detail": ...}`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
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


ERROR_RESPONSES = {
    "401": "Not signed in: no session and no valid bearer token.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object, or one the user may not see.",
    "413": "The request body is larger than DANGVU_API_MAX_BODY_BYTES.",
    "422": "Invalid input: out-of-range dates or numbers, invalid JSON, a refused change.",
}


class DangvuApi(NinjaAPI):
    """The API, whose OpenAPI document lists the error answers every operation can give, in the
    one error shape `{"detail": …}` (clients and the bounded fuzz in CI rely on them)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = {
            "type": "object",
            "properties": {"detail": {"title": "Detail"}},
            "required": ["detail"],
        }
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                responses = operation.setdefault("responses", {})
                for code, text in ERROR_RESPONSES.items():
                    if code == "413" and method not in ("post", "put", "patch"):
                        continue
                    responses.setdefault(
                        code,
                        {
                            "description": text,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = DangvuApi(
    title="Dangvu API",
    version="1",
    description="Organisations, reports, meetings and tasks of a Party committee.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    # The interactive documentation and the OpenAPI document: for signed-in users only.
    docs_decorator=login_required,
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


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # A number in the path too large for the database's integers (SQLite raises OverflowError).
    return api.create_response(request, {"detail": _("A number is out of range.")}, status=422)


@api.exception_handler(DataError)
def data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    # The same on PostgreSQL ("value out of range for type bigint").
    return api.create_response(request, {"detail": _("A number is out of range.")}, status=422)
