"""Values already stored (before the input gate, or by a bulk write) must not break the pages,
documents and exports that show them; exported text must not become a live formula."""

from __future__ import annotations

import datetime as dt
import io

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
