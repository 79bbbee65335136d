"""`python -m dangvu.demo.bench_bombs`: does the site keep answering while bombs are uploaded?

Issue 19's probe: two 15 KB workbooks declaring A1:XFD1048576, uploaded at once (the bulk task
update and the organisation import), froze the whole site for 32 s. Here, in one process with
threads (as a threaded server runs them), two signed-in office users upload such workbooks at
the same moment, again and again, while a third asks for `/tasks/` without pause; the figure is
the slowest `/tasks/` answer during the bombs, next to its time when nothing else runs. A
second round uploads 150 KB bombs, which are larger than `DANGVU_JOB_SYNC_MAX_BYTES` and go to
the worker (`core.background`): the request only stores them.

Needs a migrated database with the demo (the `make bench` line makes one under var/).
"""

from __future__ import annotations

import io
import os
import re
import statistics
import threading
import time
import zipfile
from typing import Any


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã nhiệm vụ", "Tiến độ (%)", "Thời hạn mới", "Thao tác", "Lý do"])
    for number in range(rows):
        sheet.append([number + 1, number % 100, "", "", f"Lý do số {number} của bảng tính"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_bomb(size: int) -> bytes:
    """A real workbook of about `size` bytes whose sheet declares A1:XFD1048576."""
    rows = 10
    while True:
        data = _workbook(rows)
        if len(data) >= size:
            break
        rows = int(rows * size / len(data)) + 5
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content
                )
            target.writestr(item.filename, content)
    return out.getvalue()


def _client(username: str) -> Any:
    from django.test import Client

    from dangvu.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _timed_get(client: Any, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed


def round_of(bomb: bytes, *, seconds: float) -> dict[str, Any]:
    """For `seconds`, two bombs at once again and again (bulk update, organisation import) while
    /tasks/ is asked for without pause; the times of both."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    uploads: list[tuple[float, int, bool]] = []
    pages: list[float] = []
    end = time.perf_counter() + seconds

    def upload(path: str, name: str) -> None:
        client = _client("vanphong")
        while time.perf_counter() < end:
            start = time.perf_counter()
            response = client.post(path, {"file": SimpleUploadedFile(name, bomb)})
            # refused: the form's message, or (403) the per-person cap on waiting jobs
            refused = response.status_code == 403 or (
                response.status_code == 200 and b'role="alert"' in response.content
            )
            uploads.append((time.perf_counter() - start, response.status_code, refused))
        connection.close()

    def reader() -> None:
        client = _client("vanphong")
        while time.perf_counter() < end:
            pages.append(_timed_get(client, "/tasks/"))
        connection.close()

    threads = [
        threading.Thread(target=upload, args=("/tasks/bulk/", "cap-nhat.xlsx")),
        threading.Thread(target=upload, args=("/org/import/", "to-chuc.xlsx")),
        threading.Thread(target=reader),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"uploads": uploads, "pages": pages}


def pairs_of(bomb: bytes, *, count: int) -> list[float]:
    """`count` times: two bombs uploaded at the same moment and /tasks/ asked for meanwhile;
    the time of each /tasks/ answer (the issue's case)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    bombers = [_client("vanphong"), _client("vanphong")]
    reader = _client("vanphong")
    times: list[float] = []

    def upload(client: Any, path: str, name: str) -> None:
        client.post(path, {"file": SimpleUploadedFile(name, bomb)})
        connection.close()

    for _ in range(count):
        threads = [
            threading.Thread(target=upload, args=(bombers[0], "/tasks/bulk/", "a.xlsx")),
            threading.Thread(target=upload, args=(bombers[1], "/org/import/", "b.xlsx")),
        ]
        for thread in threads:
            thread.start()
        times.append(_timed_get(reader, "/tasks/"))
        for thread in threads:
            thread.join()
    return times


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.config.settings")
    import django

    django.setup()
    from django.conf import settings

    from dangvu.core.models import BackgroundJob

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = _client("vanphong")
    _timed_get(client, "/tasks/")  # warm
    quiet = [_timed_get(client, "/tasks/") for _ in range(10)]
    print(
        f"/tasks/ alone: median {statistics.median(quiet) * 1000:.0f} ms, "
        f"max {max(quiet) * 1000:.0f} ms (10 requests)"
    )
    threshold = int(settings.DANGVU_JOB_SYNC_MAX_BYTES)
    last_job = BackgroundJob.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    bomb = sheet_bomb(15 * 1024)
    during = pairs_of(bomb, count=20)
    print(
        f"two {len(bomb) / 1024:.0f} KB bombs at the same moment, 20 times: /tasks/ meanwhile "
        f"median {statistics.median(during) * 1000:.0f} ms, max {max(during) * 1000:.0f} ms "
        f"(target < 1000 ms: {'yes' if max(during) < 1.0 else 'NO'})"
    )
    for size in (15 * 1024, 150 * 1024):
        bomb = sheet_bomb(size)
        where = "refused in the request" if len(bomb) <= threshold else "stored for the worker"
        result = round_of(bomb, seconds=10)  # a flood: each bomber starts again at once
        times = [t for t, _status, _refused in result["uploads"]]
        statuses = sorted({status for _t, status, _refused in result["uploads"]})
        refused = sum(1 for *_rest, was_refused in result["uploads"] if was_refused)
        pages = result["pages"]
        print(
            f"flood of two {len(bomb) / 1024:.0f} KB bomb uploaders ({where}) for 10 s: "
            f"{len(times)} uploads ({refused} refused with a message, HTTP "
            f"{'/'.join(map(str, statuses))}), answered in median "
            f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; "
            f"/tasks/ meanwhile: {len(pages)} requests, median "
            f"{statistics.median(pages) * 1000:.0f} ms, max {max(pages) * 1000:.0f} ms "
            f"(target < 1000 ms: {'yes' if max(pages) < 1.0 else 'NO'})"
        )
    # The bench's own jobs are not left for a worker to run.
    BackgroundJob.objects.filter(pk__gt=last_job).delete()


if __name__ == "__main__":
    main()
