"""Language: Vietnamese unless the user picked another language with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language, and most office computers
run English browsers; committees expect Vietnamese, so only the explicit choice (the language
cookie set by /i18n/setlang/) counts.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class InputGateMiddleware:
    """Every submitted form value (and query parameter) normalised before a view reads it: NFC,
    no control or invisible characters (`core.text.clean_text`, newlines kept). Views that read
    `request.POST` directly (the contribution and draft editors) are covered as well as forms;
    password fields are left as typed."""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _cleaned(data: QueryDict) -> QueryDict | None:
        from dangvu.core.text import clean_text

        changed = False
        lists = {}
        for key, values in data.lists():
            if "password" in key:
                lists[key] = values
                continue
            new = [clean_text(v) if isinstance(v, str) else v for v in values]
            changed = changed or new != values
            lists[key] = new
        if not changed:
            return None
        result = QueryDict(mutable=True)
        for key, values in lists.items():
            result.setlist(key, values)
        result._mutable = False
        return result

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET:
            cleaned = self._cleaned(request.GET)
            if cleaned is not None:
                request.GET = cleaned  # type: ignore[assignment]
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            cleaned = self._cleaned(request.POST)
            if cleaned is not None:
                request.POST = cleaned  # type: ignore[assignment]
        return self.get_response(request)


class ApiBodyLimitMiddleware:
    """JSON bodies of the API: at most `DANGVU_API_MAX_BODY_BYTES` (413 beyond), and strictly
    decoded (422 for invalid UTF-8 or JSON, lone surrogate escapes, NaN/Infinity), before a view
    or the ORM sees them; both answer the API's one error shape `{"detail": …}`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and request.method in ("POST", "PUT", "PATCH"):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def refusal(request: HttpRequest) -> HttpResponse | None:
        import json

        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        from dangvu.core.text import has_lone_surrogate

        limit = int(settings.DANGVU_API_MAX_BODY_BYTES)
        if request.content_type == "multipart/form-data":
            return None  # files: their own limits (DANGVU_EVIDENCE_MAX_BYTES, core.uploads)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        too_big = JsonResponse(
            {"detail": _("The request body is larger than %(size)d KB.") % {"size": limit // 1024}},
            status=413,
        )
        if length > limit:
            return too_big
        try:
            body = request.body
        except Exception:  # RequestDataTooBig, a client that went away
            return too_big
        if len(body) > limit:
            return too_big
        if not body or "json" not in (request.content_type or "json"):
            return None

        def refuse_constant(name: str) -> None:
            raise ValueError(name)

        def check(value: object) -> None:
            if isinstance(value, str):
                if has_lone_surrogate(value):
                    raise ValueError("surrogate")
            elif isinstance(value, dict):
                for key, item in value.items():
                    check(key)
                    check(item)
            elif isinstance(value, list):
                for item in value:
                    check(item)

        try:
            check(json.loads(body.decode("utf-8"), parse_constant=refuse_constant))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return JsonResponse(
                {
                    "detail": _(
                        "The request body is not valid JSON text (UTF-8, no lone surrogates)."
                    )
                },
                status=422,
            )
        return None


class SecurityHeadersMiddleware:
    """Headers Django does not set: Permissions-Policy on every response, and
    `Cache-Control: no-store` on what a signed-in user sees (a shared computer's back button or
    a proxy must not show a committee's pages to the next person), unless the view chose."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.DANGVU_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store, private"
        return response


class ContentAdminCSPMiddleware:
    """Wagtail's admin (the portal's editors, under `/cms/`) writes inline styles and scripts of
    its own; everywhere else the strict policy stays. Sits after django-csp's middleware, so that
    the policy it builds on the way out includes this update (pages the public reads are never
    under `/cms/`)."""

    PREFIX = "/cms/"
    UPDATE = {"style-src": ["'unsafe-inline'"], "script-src": ["'unsafe-inline'"]}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.PREFIX):
            response._csp_update = self.UPDATE  # type: ignore[attr-defined]
        return response
