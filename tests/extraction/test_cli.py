"""The command line prints one JSON object, or a Vietnamese error and exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dangvu.extraction.cli import main
from tests.extraction import fixtures


def test_txt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ket-luan.txt"
    path.write_text(fixtures.SEED_LIKE, encoding="utf-8")

    assert main([str(path)]) == 0

    out = capsys.readouterr().out
    data = json.loads(out)
    assert "Ngô Mạnh Điềm" in out  # ensure_ascii=False
    assert data["meeting"]["date"] == "2020-09-11"
    assert len(data["tasks"]) == 4


def test_error_goes_to_stderr_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "trong.txt"
    path.write_text("", encoding="utf-8")

    assert main([str(path)]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Văn bản trống." in captured.err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "khong-co.txt")]) == 2
    assert "Không đọc được tệp" in capsys.readouterr().err


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Kết luận".encode("utf-16"))
    assert main([str(path)]) == 2
    assert capsys.readouterr().err.strip()
