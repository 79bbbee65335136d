"""The app refuses to start in production with the development secret."""

import os
import subprocess
import sys


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import dangvu.config.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_refuses_default_secret_without_debug() -> None:
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_starts_with_a_real_secret() -> None:
    result = _import_settings(DEBUG="0", SECRET_KEY="a-real-secret-from-the-environment")
    assert result.returncode == 0, result.stderr


def test_starts_in_development_with_the_default_secret() -> None:
    assert _import_settings(DEBUG="1").returncode == 0
