"""Issue 17, item 6: "tình hình thực hiện thông báo kết luận", a page and an export per notice
(TB): each task with its lead unit, deadline, status and last progress; counters that are the
table's own."""

import collections
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.assignments.notices import notice_progress, tally
from dangvu.demo import assignments as demo_assignments
from dangvu.demo import meetings as demo_meetings
from dangvu.demo import scenario
from dangvu.meetings.models import Conclusion
from dangvu.org.models import Organisation

ON = dt.date(2020, 12, 15)


@pytest.fixture
def notice(db: Any) -> Conclusion:
    """The conference of 11/9/2020, its notice and the Q4 follow-up of its four tasks."""
    scenario.load(chapters=[demo_meetings.load, demo_assignments.load])
    return Conclusion.objects.get()


def login(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def test_every_task_of_the_notice_with_its_facts(client: Client, notice: Conclusion) -> None:
    office = User.objects.get(username="vanphong")
    progress = notice_progress(office, notice.pk, ON)
    tasks = Task.objects.filter(conclusion_item__conclusion=notice, published_at__isnull=False)
    assert {line.task.pk for line in progress.lines} == set(tasks.values_list("pk", flat=True))
    assert [line.item for line in progress.lines] == [f"{n}." for n in range(1, 5)]
    assert progress.number.endswith("-TB/QU")
    html = login(client, "vanphong").get(
        reverse("assignments:notice_progress", args=[notice.pk]), {"on": ON.isoformat()}
    )
    assert html.status_code == 200
    text = html.content.decode()
    assert progress.number in text
    for line in progress.lines:
        assert line.task.lead_unit.display_name in text
        assert str(line.status.label) in text
        if line.last_report:
            assert f"{line.last_report.percent}%" in text


def test_the_counters_are_the_tables_own(notice: Conclusion) -> None:
    office = User.objects.get(username="vanphong")
    for on in (dt.date(2020, 10, 1), ON, dt.date(2021, 1, 15)):
        progress = notice_progress(office, notice.pk, on)
        by_status = collections.Counter(line.status for line in progress.lines)
        counters = progress.counters
        assert counters == tally(progress.lines, counters.label)
        assert counters.assigned == len(progress.lines) == 4
        assert counters.overdue == by_status["overdue"]
        assert counters.done_on_time == by_status["done_on_time"]
        assert counters.in_progress == by_status["in_progress"] + by_status["due_soon"]
        assert sum(counters.counts.values()) == counters.assigned


def test_the_last_report_is_the_last_on_or_before_the_day(notice: Conclusion) -> None:
    office = User.objects.get(username="vanphong")
    for line in notice_progress(office, notice.pk, ON).lines:
        reports = line.task.progress_reports.filter(reported_on__lte=ON).order_by(
            "reported_on", "pk"
        )
        assert line.last_report == reports.last()


def test_a_unit_sees_its_own_tasks_of_the_notice(client: Client, notice: Conclusion) -> None:
    reporter = User.objects.get(username="baocao")  # Ban Tuyên giáo
    lines = notice_progress(reporter, notice.pk, ON).lines
    btg = Organisation.objects.get(code="lb-btg")
    assert lines
    for line in lines:
        assert line.task.lead_unit == btg or btg in line.task.coordinating_units.all()
    # A ward with none of them: nothing to see, 404.
    response = login(client, "phuongbode").get(
        reverse("assignments:notice_progress", args=[notice.pk])
    )
    assert response.status_code == 404


def test_the_export_holds_the_same_lines_neutralised(client: Client, notice: Conclusion) -> None:
    first = Task.objects.filter(conclusion_item__conclusion=notice).order_by("pk").first()
    assert first is not None
    Task.objects.filter(pk=first.pk).update(content='=HYPERLINK("http://x","y")')
    response = login(client, "vanphong").get(
        reverse("assignments:notice_progress_export", args=[notice.pk]), {"on": ON.isoformat()}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    codes = [row[1] for row in rows if isinstance(row[1], str) and row[1].startswith("NV-")]
    office = User.objects.get(username="vanphong")
    progress = notice_progress(office, notice.pk, ON)
    assert codes == [line.task.code for line in progress.lines]
    contents = [row[2] for row in rows if row[1] == first.code]
    assert contents == ['\'=HYPERLINK("http://x","y")']
    assigned = next(row for row in rows if row[0] == "Được giao")
    assert assigned[1] == progress.counters.assigned


def test_the_conference_page_links_to_it(client: Client, notice: Conclusion) -> None:
    html = (
        login(client, "vanphong")
        .get(reverse("meetings:detail", args=[notice.conference_id]))
        .content.decode()
    )
    assert reverse("assignments:notice_progress", args=[notice.pk]) in html


def test_anonymous_is_sent_to_login(client: Client, notice: Conclusion) -> None:
    response = client.get(reverse("assignments:notice_progress", args=[notice.pk]))
    assert response.status_code == 302
