"""Bounded parsing: bombs refused in well under a second with a Vietnamese message, before
openpyxl or python-docx expands them (they took minutes or a MemoryError before)."""

from __future__ import annotations

import contextlib
import threading
import time
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangvu.assignments import bulk, conclusion_import, evidence
from dangvu.assignments.models import Task
from dangvu.core import policy, uploads
from dangvu.extraction import ExtractionError
from dangvu.org import imports
from dangvu.org.models import Organisation
from dangvu.reports.docx_import import split_docx
from tests.conftest import login
from tests.hardening import bombs


@pytest.fixture(scope="module")
def sheet_bomb() -> bytes:
    data = bombs.xlsx_declaring_whole_sheet([["Mã nhiệm vụ", "Tiến độ (%)"], [1, 50]])
    assert len(data) < 15 * 1024
    return data


@pytest.fixture(scope="module")
def paragraph_bomb() -> bytes:
    data = bombs.docx_with_paragraphs(1_000_000)
    assert len(data) < 200 * 1024
    return data


def _quick(call: object, *args: object) -> Exception:
    start = time.perf_counter()
    try:
        call(*args)  # type: ignore[operator]
    except Exception as exc:
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"took {elapsed:.2f} s"
        return exc
    raise AssertionError("not refused")


def test_sheet_bomb_refused_by_the_task_bulk_update(sheet_bomb: bytes) -> None:
    exc = _quick(bulk.read_rows, "bomb.xlsx", sheet_bomb)
    assert isinstance(exc, bulk.BulkFileError)
    assert "1048576" in str(exc)


def test_sheet_bomb_refused_by_the_organisation_import(db: None, sheet_bomb: bytes) -> None:
    exc = _quick(partial(imports.read_workbook, by=policy.SYSTEM), sheet_bomb)
    assert isinstance(exc, imports.ImportFileError)


def test_far_column_without_dimension_refused() -> None:
    exc = _quick(bulk.read_rows, "far.xlsx", bombs.xlsx_without_dimension_many_cells(16_000))
    assert isinstance(exc, bulk.BulkFileError)


def test_deflate_bomb_refused_from_the_zip_directory() -> None:
    data = bombs.zip_bomb()
    assert len(data) < 1024 * 1024
    exc = _quick(uploads.check_upload, "bomb.xlsx", data, {"xlsx"})
    assert isinstance(exc, uploads.UploadRefusedError)
    exc = _quick(evidence.check_file, "bomb.xlsx", data)
    assert isinstance(exc, ValidationError)


def test_paragraph_bomb_refused_by_conclusion_and_contribution_imports(
    paragraph_bomb: bytes,
) -> None:
    exc = _quick(conclusion_import.read_upload, "ket-luan.docx", paragraph_bomb)
    assert isinstance(exc, ExtractionError)
    exc = _quick(split_docx, paragraph_bomb, {1: "Kết quả"})
    assert isinstance(exc, ValidationError)
    exc = _quick(evidence.check_file, "minh-chung.docx", paragraph_bomb)
    assert isinstance(exc, ValidationError)


def test_long_pasted_text_refused(db: None) -> None:
    exc = _quick(conclusion_import.read_upload, "ket-luan.txt", ("Đồng chí " * 300_000).encode())
    assert isinstance(exc, ExtractionError)


def test_csv_bounds() -> None:
    wide = ("a," * 5000 + "\n").encode()
    assert isinstance(_quick(bulk.read_rows, "wide.csv", wide), bulk.BulkFileError)
    assert isinstance(_quick(bulk.read_rows, "bin.csv", b"\x00\x01binary"), bulk.BulkFileError)


def test_ordinary_files_still_read() -> None:
    rows = bulk.read_rows("ok.xlsx", bombs.workbook([["Mã nhiệm vụ", "Tiến độ (%)"], [7, 40]]))
    assert [r.values.get("task", r.number) for r in rows]
    assert uploads.check_docx("ok.docx", bombs.docx_with_paragraphs(10)) == 11


def test_bulk_page_refuses_the_bomb_with_a_message(
    client: Client, demo: dict[str, Organisation], sheet_bomb: bytes
) -> None:
    login(client, "vanphong")
    client.get("/tasks/bulk/")  # the page once, so that the refusal is what is timed
    start = time.perf_counter()
    response = client.post("/tasks/bulk/", {"file": SimpleUploadedFile("bomb.xlsx", sheet_bomb)})
    assert time.perf_counter() - start < 2.0  # the page render included; the parse < 0.1 s
    assert response.status_code in (200, 400)
    assert "1048576 dòng" in response.content.decode()


def test_two_concurrent_bombs_leave_the_task_list_answering(
    client: Client, task: Task, sheet_bomb: bytes, paragraph_bomb: bytes
) -> None:
    login(client, "vanphong")
    done: list[float] = []

    def bomb(call: object, *args: object) -> None:
        start = time.perf_counter()
        with contextlib.suppress(Exception):  # refused, as expected
            call(*args)  # type: ignore[operator]
        done.append(time.perf_counter() - start)

    threads = [
        threading.Thread(target=bomb, args=(bulk.read_rows, "a.xlsx", sheet_bomb)),
        threading.Thread(
            target=bomb, args=(conclusion_import.read_upload, "b.docx", paragraph_bomb)
        ),
    ]
    for thread in threads:
        thread.start()
    response = client.get("/tasks/")
    for thread in threads:
        thread.join(timeout=10)
    assert response.status_code == 200
    assert len(done) == 2  # both refused, neither left running
    # How fast: `make bench` (demo.bench_bombs) and docs/benchmarks.md, not a timed test on a
    # shared machine.


def test_bulk_rows_with_far_dates_and_infinite_percentages(db: None) -> None:
    data = bombs.workbook(
        [
            ["Mã nhiệm vụ", "Tiến độ (%)", "Thời hạn mới"],
            [1, "1e999", ""],
            [2, "inf", ""],
            [3, "50", "31/12/9999"],
        ]
    )
    rows = bulk.read_rows("rows.xlsx", data)
    for row in rows:
        bulk._parse(row)
    assert all(row.errors for row in rows), [r.errors for r in rows]
