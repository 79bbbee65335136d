"""`dangvu backup` / `dangvu restore`: a round trip keeps every row and every uploaded file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Evidence, Task
from dangvu.core import backup
from dangvu.org.models import Organisation

PDF = b"%PDF-1.4\n% minh chung\n"


def test_round_trip_keeps_rows_and_files(
    transactional_db: None,
    demo: dict[str, Organisation],
    task: Task,
    settings: object,
    tmp_path: Path,
) -> None:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media  # type: ignore[attr-defined]
    services.progress_report_create(
        task=task,
        by=User.objects.get(username="baocao"),
        unit=demo["lb-btg"],
        done="Đã làm",
        percent=30,
        reported_on=dt.date(2020, 10, 1),
        files=[("Biên bản.pdf", PDF), ("Ảnh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)],
    )
    counts = backup.row_counts()
    password = User.objects.get(username="vanphong").password
    files = backup.media_files(media)
    assert len(files) == 2
    assert counts["assignments.task"] == 1
    archive = tmp_path / "dangvu.tar.gz"
    call_command("backup", str(archive))

    # Refused over existing data without --force.
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))

    # Lose everything, then restore.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert not Task.objects.exists()
    call_command("restore", str(archive))
    assert backup.row_counts() == counts
    assert backup.media_files(media) == files
    evidence = Evidence.objects.order_by("pk").first()
    assert evidence is not None
    assert evidence.file.read() == PDF
    assert User.objects.get(username="vanphong").password == password
    # The closed-task counts (kept by triggers, not copied) were rebuilt.
    call_command("closed_counts", "--check")
