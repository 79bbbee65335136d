"""The start-up check: a missing Vietnamese font is a warning Django prints (`documents.W001`),
naming the Debian package; nothing is said where no PDF is made."""

from __future__ import annotations

import pytest
from django.core import checks as django_checks

from dangvu.documents import checks, fonts


def font_warnings() -> list[django_checks.CheckMessage]:
    return [m for m in django_checks.run_checks() if m.id == "documents.W001"]


def test_a_font_without_vietnamese_is_a_startup_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(
        fonts,
        "matches",
        lambda: [
            fonts.FontMatch("Regular", "Liberation Serif", "/x/LiberationSerif-Regular.ttf", False),
            fonts.FontMatch("Bold", "DejaVu Serif", "/x/DejaVuSerif-Bold.ttf", True),
        ],
    )
    warnings = font_warnings()
    assert [w.level for w in warnings] == [django_checks.WARNING, django_checks.WARNING]
    assert "does not cover Vietnamese" in warnings[0].msg
    assert "does not have its metrics" in warnings[1].msg
    assert all("apt-get install fonts-liberation2" in (w.hint or "") for w in warnings)


def test_no_fontconfig_is_said_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(fonts, "matches", lambda: None)
    assert "fontconfig" in font_warnings()[0].msg


def test_no_warning_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "soffice_path", lambda: None)
    monkeypatch.setattr(fonts, "matches", lambda: None)
    assert font_warnings() == []
