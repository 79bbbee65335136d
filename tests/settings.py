"""Settings for the test run: the real settings, with a test secret and fast password hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789")
# The test client speaks plain HTTP; the HTTPS defaults are checked in tests/hardening.
os.environ.setdefault("DANGVU_HTTPS", "0")

from dangvu.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Uploaded files (the demo's portal photo and its renditions) go to a temporary folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="dangvu-test-media-"))
