"""The command line prints one JSON object, or a Vietnamese error and exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def _clean_env() -> dict[str, str]:
    """A plain shell: no DEBUG, no SECRET_KEY, no settings module, no database."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    return {k: v for k, v in os.environ.items() if k in keep}


@pytest.mark.parametrize("how", ["console-script", "python-m"])
def test_dangvu_extract_runs_in_a_plain_shell(tmp_path: Path, how: str) -> None:
    path = tmp_path / "ket-luan.txt"
    path.write_text(fixtures.SEED_LIKE, encoding="utf-8")
    script = Path(sys.executable).parent / "dangvu"
    command = (
        [str(script), "extract", str(path)]
        if how == "console-script"
        else [sys.executable, "-m", "dangvu", "extract", str(path)]
    )
    if how == "console-script" and not script.exists():
        pytest.skip("the console script is not installed next to this interpreter")

    done = subprocess.run(  # noqa: S603  (our own interpreter, a temporary file)
        command, env=_clean_env(), cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["meeting"]["chair"] == "Ngô Mạnh Điềm"
    assert len(data["tasks"]) == 4


def test_dangvu_extract_error_in_a_plain_shell(tmp_path: Path) -> None:
    path = tmp_path / "trong.txt"
    path.write_text("", encoding="utf-8")

    done = subprocess.run(  # noqa: S603  (our own interpreter, a temporary file)
        [sys.executable, "-m", "dangvu", "extract", str(path)],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert "Văn bản trống." in done.stderr
