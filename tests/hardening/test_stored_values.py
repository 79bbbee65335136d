"""Values already stored (before the input gate, or by a bulk write) must not break the pages,
documents and exports that show them; exported text must not become a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import docx
from django.test import Client
from openpyxl import load_workbook

from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from tests.conftest import login

FORMULA = '=HYPERLINK("http://example.invalid/x","Bấm vào đây")'


def test_deadline_in_year_9999_does_not_break_statistics_by_month(
    client: Client, task: Task
) -> None:
    Task.objects.filter(pk=task.pk).update(deadline=dt.date(9999, 12, 31))
    login(client, "vanphong")
    for url in (
        "/tasks/statistics/?group=month",
        "/tasks/statistics/?group=month&on=2020-12-01",
        "/tasks/statistics/export/?group=month",
        "/api/tasks/statistics?group=month",
        "/tasks/",
        f"/tasks/{task.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_formula_and_vertical_tab_in_an_organisation_name_are_exported_as_text(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    Organisation.objects.filter(pk=demo["lb-btg"].pk).update(
        name=FORMULA + "\x0b", short_name=FORMULA + "\x0b"
    )
    login(client, "vanphong")
    response = client.get("/tasks/statistics/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)


def test_docx_builder_drops_characters_xml_cannot_hold() -> None:
    from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx

    document = PartyDocument(
        superior_body="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        issuing_body="QUẬN ỦY LONG\x0b BIÊN",
        type_code="BC",
        issuer_code="QU",
        number=None,
        place="Long Biên",
        date=dt.date(2020, 10, 3),
        type_name="BÁO CÁO",
        summary="Sơ kết\x01",
        body=[Block("paragraph", "dòng 1\x0bdòng 2\x0c\x00")],
        signature=Signature(authority="T/M BAN THƯỜNG VỤ", title="BÍ THƯ", name="Mẫu\x1f"),
        recipients=["Lưu\x0b VP."],
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(document))).paragraphs)
    assert "dòng 1\ndòng 2" in text


def test_notice_with_a_vertical_tab_in_a_conclusion_item(
    conference: Any, office: Any, client: Client
) -> None:
    from dangvu.meetings.models import ConclusionItem
    from tests.meetings.test_services import conclude, held, issue

    held(conference, office)
    conclusion = conclude(conference, office)
    ConclusionItem.objects.filter(conclusion=conclusion).update(text="Hoàn thành\x0bquy chế")
    issued = issue(conclusion, office)
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(bytes(issued.notice_docx))).paragraphs
    )
    assert "Hoàn thành\nquy chế" in text


def test_attendance_csv_neutralises_formulas(conference: Any, client: Client) -> None:
    conference.invitations.update(position_text=FORMULA)
    login(client, "vanphong")
    response = client.get(f"/meetings/{conference.pk}/attendance.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_indicator_workbook_neutralises_formulas() -> None:
    from types import SimpleNamespace

    from dangvu.reports.exports import indicator_workbook

    indicator = SimpleNamespace(pk=1, name="@SUM(A1)", unit="người")
    table = SimpleNamespace(
        indicators=[indicator],
        rows=[(SimpleNamespace(display_name=FORMULA + "\x0b"), {1: 3}, False)],
        totals={1: 3},
        previous=None,
    )
    data = indicator_workbook(SimpleNamespace(title="-Báo cáo"), table)  # type: ignore[arg-type]
    sheet = load_workbook(io.BytesIO(data)).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert values[0] == "'-Báo cáo"
    assert "'" + FORMULA + "\n" in values
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert zipfile.is_zipfile(io.BytesIO(data))
