"""Settings, read from the environment (and from `.env` at the project root when present).

Every value a deployment changes comes from an environment variable; see `.env.example`.
"""

import datetime as dt
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]

# Used only while DEBUG is on; a production start with it is refused below.
DEVELOPMENT_SECRET_KEY = "dangvu-development-only-secret-key-do-not-use-in-production"  # noqa: S105

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development default while DEBUG is off. "
        "Set SECRET_KEY in the environment (see .env.example) or set DEBUG=1 for development."
    )
# Values published in documentation and examples: whoever knows them can forge sessions.
PLACEHOLDER_SECRET_KEYS = {"change-me", "changeme", "secret", "your-secret-key", "django-insecure"}
if not DEBUG and (
    SECRET_KEY.strip().lower() in PLACEHOLDER_SECRET_KEYS
    or SECRET_KEY.startswith("django-insecure-")
    or len(SECRET_KEY) < 32
):
    raise ImproperlyConfigured(
        "SECRET_KEY is a published placeholder or shorter than 32 characters. Generate one: "
        'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

VAR_DIR = Path(env.str("DANGVU_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "template_partials",
    "ninja",
    "axes",
    # the rich-text editor's ProseMirror build, served from our static files (core.widgets)
    "django_prose_editor",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.org",
    "dangvu.assignments",
    "dangvu.reports",
    "dangvu.documents",
    "dangvu.meetings",
    "dangvu.notifications",
    "dangvu.inspection",
    "dangvu.workspace",
    "dangvu.evaluation",
    "dangvu.demo",
    # The public portal (issue 13) and the content system it is edited in.
    "dangvu.portal",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dangvu.core.middleware.ContentAdminCSPMiddleware",
    "dangvu.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dangvu.core.middleware.ApiBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangvu.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "dangvu.core.middleware.InputGateMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dangvu.config.urls"
WSGI_APPLICATION = "dangvu.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["dangvu.core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web server share the file without "database is locked".
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # A fresh clone has no var/ yet; the SQLite file needs its folder.
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# The lock check first (django-axes, see accounts/throttle.py), then the users' passwords.
AUTHENTICATION_BACKENDS = [
    "dangvu.accounts.throttle.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins: this many per account, or per address, lock it for this many minutes. The
# same counts bad API tokens and calendar secrets per address.
DANGVU_LOGIN_FAILURE_LIMIT = env.int("DANGVU_LOGIN_FAILURE_LIMIT", default=5)
DANGVU_LOCKOUT_MINUTES = env.int("DANGVU_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = DANGVU_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=DANGVU_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dangvu.accounts.throttle.lockout_response"
AXES_VERBOSE = False
# Proxies in front (nginx terminating TLS): the client's address is then read from
# X-Forwarded-For, so that one guesser does not lock everybody out (accounts/throttle.py).
DANGVU_PROXY_COUNT = env.int("DANGVU_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "dangvu.accounts.throttle.forwarded_address"
# API tokens live this many days (then a new one is made on the account page).
DANGVU_API_TOKEN_DAYS = env.int("DANGVU_API_TOKEN_DAYS", default=90)
# The CSRF secret lives in the session, not in a cookie a client could choose.
CSRF_USE_SESSIONS = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Wagtail's admin in Vietnamese (issue 13): its own catalogue translates a seventh of the admin,
# so what the office's writers and reviewers meet is translated in wagtail_vi/locale, first so
# that it wins. Its directory holds no source file, so `make messages` (makemessages in
# src/dangvu) files no string under it: it neither rewrites it nor copies Wagtail's into ours.
LOCALE_PATHS = [PACKAGE_DIR / "wagtail_vi" / "locale", PACKAGE_DIR / "locale"]
# One date format on every page (11/9/2020; 14:00, 11/9/2020), see core/formats/vi/formats.py.
FORMAT_MODULE_PATH = ["dangvu.core.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Dangvu <no-reply@localhost>")

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS in front (the README's set-up: nginx or another proxy terminating TLS). On by default
# in production; DANGVU_HTTPS=0 only on a closed network without TLS.
DANGVU_HTTPS = env.bool("DANGVU_HTTPS", default=not DEBUG)
if DANGVU_HTTPS:
    # The proxy says the request came over HTTPS; it must strip this header from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Submitting the domain to the browsers' preload list is the operator's decision.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
# A strict Content-Security-Policy (django-csp 4): the templates have no inline script or style,
# htmx is served from here, nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
DANGVU_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail's page log lines and its background tasks' start/end lines are noise here.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Dangvu's own settings.
DANGVU_MAX_UPLOAD_BYTES = env.int("DANGVU_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = DANGVU_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = DANGVU_MAX_UPLOAD_BYTES
# Task follow-up: "due soon" this many days before the deadline; evidence files up to this size.
DANGVU_DUE_SOON_DAYS = env.int("DANGVU_DUE_SOON_DAYS", default=7)
DANGVU_EVIDENCE_MAX_BYTES = env.int("DANGVU_EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)

# Reminders (đôn đốc) and the background worker (`dangvu worker`, see the notifications app).
DANGVU_REMINDER_DAYS = env.list("DANGVU_REMINDER_DAYS", cast=int, default=[7, 3, 1])
DANGVU_REMINDER_REPEAT_DAYS = env.int("DANGVU_REMINDER_REPEAT_DAYS", default=7)
DANGVU_REMINDER_HOUR = env.int("DANGVU_REMINDER_HOUR", default=7)
# The site's address as its users reach it: every link in an e-mail starts with it. In
# production it defaults to the first of ALLOWED_HOSTS (https unless DANGVU_HTTPS=0).
DANGVU_SITE_URL = env.str(
    "DANGVU_SITE_URL",
    default="http://127.0.0.1:8000"
    if DEBUG or not ALLOWED_HOSTS
    else f"{'https' if DANGVU_HTTPS else 'http'}://{ALLOWED_HOSTS[0].lstrip('.')}",
)
# Workflow events (task assigned, completion proposed…) are e-mailed as a digest this often.
DANGVU_EVENT_DIGEST_MINUTES = env.int("DANGVU_EVENT_DIGEST_MINUTES", default=15)
# Long work in the worker (core.background): files above this size are imported by the worker
# (the page follows its progress), smaller ones at once; a claimed job is retried when its
# lease passes without a sign of life (a killed worker), at most this many attempts.
DANGVU_JOB_SYNC_MAX_BYTES = env.int("DANGVU_JOB_SYNC_MAX_BYTES", default=100 * 1024)
DANGVU_JOB_LEASE_SECONDS = env.int("DANGVU_JOB_LEASE_SECONDS", default=300)
DANGVU_JOB_MAX_ATTEMPTS = env.int("DANGVU_JOB_MAX_ATTEMPTS", default=3)
# A person may have this many jobs waiting or running at once; finished jobs (with their files)
# are deleted this many days after they finished (`dangvu jobs --purge`, and the worker hourly).
DANGVU_JOB_MAX_QUEUED_PER_USER = env.int("DANGVU_JOB_MAX_QUEUED_PER_USER", default=5)
DANGVU_JOB_KEEP_DAYS = env.int("DANGVU_JOB_KEEP_DAYS", default=30)

# Hardening (issue 19): the input gate (core.text, core.forms.install_input_gate,
# core.schema_types), bounded uploads (core.uploads), the JSON body limit
# (core.middleware.ApiBodyLimitMiddleware).
DANGVU_YEAR_MIN = env.int("DANGVU_YEAR_MIN", default=1945)
DANGVU_YEAR_MAX = env.int("DANGVU_YEAR_MAX", default=2100)
DANGVU_LINE_MAX_CHARS = env.int("DANGVU_LINE_MAX_CHARS", default=1000)
DANGVU_TEXT_MAX_CHARS = env.int("DANGVU_TEXT_MAX_CHARS", default=20_000)
DANGVU_CONCLUSION_MAX_CHARS = env.int("DANGVU_CONCLUSION_MAX_CHARS", default=100_000)
DANGVU_API_MAX_BODY_BYTES = env.int("DANGVU_API_MAX_BODY_BYTES", default=1024 * 1024)
DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int(
    "DANGVU_UPLOAD_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024
)
DANGVU_UPLOAD_MAX_ZIP_MEMBERS = env.int("DANGVU_UPLOAD_MAX_ZIP_MEMBERS", default=1000)
DANGVU_SHEET_MAX_ROWS = env.int("DANGVU_SHEET_MAX_ROWS", default=20_000)
DANGVU_SHEET_MAX_COLUMNS = env.int("DANGVU_SHEET_MAX_COLUMNS", default=100)
DANGVU_DOCX_MAX_PARAGRAPHS = env.int("DANGVU_DOCX_MAX_PARAGRAPHS", default=20_000)
NINJA_PAGINATION_MAX_LIMIT = 500
DANGVU_API_MAX_OFFSET = 1_000_000
# The portal (trang thông tin điện tử) and Wagtail, its content system; see docs/architecture.md.
WAGTAIL_SITE_NAME = "Dangvu"
WAGTAILADMIN_BASE_URL = DANGVU_SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from gravatar.com: nothing is loaded from outside (closed networks, strict CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# One view per visitor per article per day; user agents matching this are not counted.
DANGVU_PORTAL_BOT_PATTERN = env.str(
    "DANGVU_PORTAL_BOT_PATTERN",
    default=r"bot|crawl|spider|slurp|fetch|curl|wget|python-|httpx|java/|go-http|scrapy|"
    r"facebookexternalhit|preview|monitor|lighthouse|headless|phantomjs|playwright|puppeteer",
)
