"""Deployment defaults: CSP and the other headers, HTTPS settings, refused placeholder secrets,
a demo that does not load itself into production, API docs for signed-in users only, and
`check --deploy` clean in the README's set-up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from dangvu.org.models import Organisation
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-secret-generated-for-this-test-0123456789abcdef",
    "ALLOWED_HOSTS": "dangvu.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://dangvu.example.org",
}


def _run(code: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' Playwright, never in production
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DANGVU_HTTPS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, *code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "dangvu.config.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_is_clean_in_the_documented_set_up(tmp_path: Path) -> None:
    result = _run(
        ["-m", "dangvu", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        DANGVU_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_https_settings_when_https_is_on(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT)"
    )
    result = _run(["-c", code], **PRODUCTION, DANGVU_VAR_DIR=str(tmp_path))
    assert result.stdout.strip() == "31536000 ('HTTP_X_FORWARDED_PROTO', 'https') True"
    # A closed network without TLS turns it off explicitly.
    result = _run(
        [
            "-c",
            code.replace(
                "s.SECURE_PROXY_SSL_HEADER", "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
            ),
        ],
        **PRODUCTION,
        DANGVU_HTTPS="0",
        DANGVU_VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip() == "0 None False"


@pytest.mark.parametrize(
    "secret", ["change-me", "CHANGE-ME", "django-insecure-abc" + "x" * 40, "short-secret"]
)
def test_placeholder_secrets_are_refused(secret: str) -> None:
    result = _run(["-c", "import dangvu.config.settings"], DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_env_example_secret_is_refused() -> None:
    example = (ROOT / ".env.example").read_text()
    secret = re.search(r"^SECRET_KEY=(.*)$", example, re.M).group(1)  # type: ignore[union-attr]
    result = _run(["-c", "import dangvu.config.settings"], DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0


def test_security_headers(client: Client, demo: dict[str, Organisation]) -> None:
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    login(client, "vanphong")
    page = client.get("/tasks/")
    assert "no-store" in page["Cache-Control"]


def test_api_docs_for_signed_in_users_only(client: Client, demo: dict[str, Organisation]) -> None:
    assert client.get("/api/docs").status_code in (302, 401)
    login(client, "vanphong")
    assert client.get("/api/docs").status_code == 200


def test_load_demo_refuses_without_debug(db: None, settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")
    assert not Organisation.objects.exists()


TEMPLATES = [ROOT / "src" / "dangvu" / "templates", *(ROOT / "src" / "dangvu").glob("*/templates")]
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|\son[a-z]+=",
    re.I,
)


def test_templates_have_no_inline_script_or_style() -> None:
    offenders = []
    for folder in TEMPLATES:
        for path in folder.rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if INLINE.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
