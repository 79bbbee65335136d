"""Issue 18, item 4 (part): one list of statistics columns, read by the page, the chart, the export
and the API."""

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.charts import SEGMENTS
from dangvu.assignments.columns import STATISTICS_COLUMNS, column_values
from dangvu.assignments.schemas import StatisticsRowOut
from dangvu.assignments.selectors import StatisticsRow
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task


def test_every_column_is_a_row_attribute_and_an_api_field() -> None:
    names = [column.name for column in STATISTICS_COLUMNS]
    assert len(set(names)) == len(names)
    assert set(column_values(StatisticsRow(key=None, label=""))) == set(names)
    assert [f for f in StatisticsRowOut.model_fields if f not in ("key", "label")] == names
    assert [(c.segment, c.name) for c in STATISTICS_COLUMNS if c.segment] == SEGMENTS


def test_the_page_the_export_and_the_api_follow_the_list(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    services.task_publish(task=make_task(demo), by=office)
    headings = [str(column.heading) for column in STATISTICS_COLUMNS]
    response = office_client.get(reverse("assignments:statistics"), {"on": "2020-12-15"})
    html = response.content.decode()
    positions = [html.index(f"<th>{heading}</th>") for heading in headings]
    assert positions == sorted(positions)
    total = response.context["total_line"]
    assert [column.name for column, _value, _link in total.cells] == [
        c.name for c in STATISTICS_COLUMNS
    ]
    sheet = load_workbook(
        io.BytesIO(
            office_client.get(
                reverse("assignments:statistics_export"), {"on": "2020-12-15"}
            ).content
        )
    ).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row[1:] == headings)
    assert header[0]
    # the total: one task, in progress within the deadline, no share on time yet
    assert rows[-1][1:] == [1, 0, 0, 1, 0, 0, 0, 0, 0, None]
    api = office_client.get("/api/tasks/statistics", {"on": "2020-12-15"}).json()
    assert list(api["total"])[2:] == [c.name for c in STATISTICS_COLUMNS]
    assert api["total"]["in_progress"] == 1
