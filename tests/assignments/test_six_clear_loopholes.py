"""Issue 17, item 4: "6 rõ without loopholes". The lead unit and the deadline are never waived for
a published task; a task without a deadline has its own status, counted apart and never on time;
other waivers keep their reason and show in the statistics."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.assignments import selectors, services
from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.status import task_status
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task

TODAY = dt.datetime(2021, 2, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize(
    ("missing", "field"), [({"lead_unit": None}, "lead_unit"), ({"deadline": None}, "deadline")]
)
def test_a_reason_never_publishes_a_task_without_lead_unit_or_deadline(
    demo: dict[str, Organisation], office: User, missing: dict[str, None], field: str
) -> None:
    task = make_task(demo, **missing)
    with pytest.raises(ValidationError) as error:
        services.task_publish(task=task, by=office, waiver_reason="Theo chỉ đạo của Thường trực")
    assert "không lý do nào thay thế được" in " ".join(error.value.messages)
    task.refresh_from_db()
    assert task.published_at is None
    assert task.six_clear_waiver == ""


def test_other_gaps_are_waived_with_their_reason(
    demo: dict[str, Organisation], office: User
) -> None:
    task = make_task(demo, deliverable="", authority=None)
    published = services.task_publish(task=task, by=office, waiver_reason="Sản phẩm xác định sau")
    assert published.published_at is not None
    assert Task.objects.get(pk=task.pk).six_clear_waiver == "Sản phẩm xác định sau"


@pytest.mark.parametrize("field", ["lead_unit", "deadline"])
def test_a_published_task_keeps_its_lead_unit_and_deadline(
    demo: dict[str, Organisation], office: User, field: str
) -> None:
    task = services.task_publish(task=make_task(demo), by=office)
    values = {
        "content": task.content,
        "source_kind": task.source_kind,
        "issued_on": task.issued_on,
        "lead_unit": task.lead_unit,
        "deadline": task.deadline,
        "deliverable": task.deliverable,
        "authority": task.authority,
        field: None,
    }
    with pytest.raises(ValidationError) as error:
        services.task_update(task=task, by=office, **values)
    assert field in error.value.error_dict
    task.refresh_from_db()
    assert task.lead_unit == demo["lb-btg"]
    assert task.deadline == dt.date(2020, 12, 31)


def test_a_draft_may_still_lose_its_deadline(demo: dict[str, Organisation], office: User) -> None:
    task = make_task(demo)
    services.task_update(
        task=task,
        by=office,
        content=task.content,
        source_kind=task.source_kind,
        issued_on=task.issued_on,
        lead_unit=task.lead_unit,
        deadline=None,
    )
    assert Task.objects.get(pk=task.pk).deadline is None


def test_a_sub_task_takes_its_parents_deadline(demo: dict[str, Organisation], office: User) -> None:
    parent = services.task_publish(
        task=make_task(demo, lead_unit=demo["lb-dd"], deadline=dt.date(2021, 3, 31)), by=office
    )
    sub = services.subtask_create(
        parent=parent, by=office, content="Phần việc của chi bộ", lead_unit=demo["lb-dd-cd"]
    )
    assert sub.deadline == dt.date(2021, 3, 31)
    assert sub.published_at is not None


def _legacy_without_deadline(demo: dict[str, Organisation], office: User, **kw: object) -> Task:
    """A task published without a deadline before issue 17 closed the loophole."""
    task = services.task_publish(task=make_task(demo, **kw), by=office)
    Task.objects.filter(pk=task.pk).update(deadline=None, six_clear_waiver="Việc thường xuyên")
    task.refresh_from_db()
    return task


def test_a_task_without_deadline_is_no_deadline_never_on_time(
    demo: dict[str, Organisation], office: User
) -> None:
    task = _legacy_without_deadline(demo, office)
    assert task_status(task, dt.date(2030, 1, 1)) == Status.NO_DEADLINE
    Task.objects.filter(pk=task.pk).update(completed_on=dt.date(2021, 1, 5))
    task.refresh_from_db()
    assert task_status(task, dt.date(2021, 1, 10)) == Status.NO_DEADLINE
    listed = selectors.task_list(office, selectors.TaskFilters(status=Status.NO_DEADLINE))
    assert [t.pk for t in listed] == [task.pk]
    assert listed[0].status == Status.NO_DEADLINE
    on_time = selectors.task_list(office, selectors.TaskFilters(status=Status.DONE_ON_TIME))
    assert not on_time.exists()


def test_statistics_count_no_deadline_and_waivers_apart(
    demo: dict[str, Organisation], office: User, reporter: User
) -> None:
    on_time = services.task_publish(task=make_task(demo, content="Đúng hạn"), by=office)
    services.completion_propose(task=on_time, by=reporter, on=dt.date(2020, 12, 20))
    services.completion_accept(task=on_time, by=office, on=dt.date(2020, 12, 28))
    done_without = _legacy_without_deadline(demo, office, content="Không thời hạn, đã xong")
    Task.objects.filter(pk=done_without.pk).update(completed_on=dt.date(2021, 1, 5))
    _legacy_without_deadline(demo, office, content="Không thời hạn, đang làm")
    services.task_publish(
        task=make_task(demo, content="Miễn sản phẩm", deliverable=""),
        by=office,
        waiver_reason="Sản phẩm xác định sau",
    )
    for on in (dt.date(2021, 2, 1), dt.date(2021, 1, 20)):  # kept counts, and counted live
        rows, total = selectors.task_statistics(office, selectors.TaskFilters(on=on))
        assert total.assigned == 4
        assert total.no_deadline == 2
        assert total.done_on_time == 1
        assert total.overdue == 1  # the waived one, past its deadline of 31/12/2020
        assert total.percent_on_time == 50.0  # the tasks without a deadline are not judged
        assert total.waived == 3  # the two old waivers and the new one
        assert [(r.label, r.no_deadline, r.waived) for r in rows] == [("Ban Tuyên giáo", 2, 3)]


def test_the_page_export_and_api_show_the_new_columns(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    _legacy_without_deadline(demo, office)
    html = office_client.get(reverse("assignments:statistics")).content.decode()
    assert "Không thời hạn" in html
    assert "Công bố khi chưa đủ 6 rõ (có lý do)" in html
    assert "status=no_deadline" in html
    data = office_client.get(reverse("assignments:statistics_export")).content
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    headings = next(row for row in values if "Không thời hạn" in row)
    total = values[-1]
    assert total[headings.index("Không thời hạn")] == 1
    assert total[headings.index("Công bố khi chưa đủ 6 rõ (có lý do)")] == 1
    api = office_client.get("/api/tasks/statistics").json()
    assert api["total"]["no_deadline"] == 1
    assert api["total"]["waived"] == 1


def test_the_task_page_offers_no_waiver_for_a_missing_deadline(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    task = make_task(demo, deadline=None)
    html = office_client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    assert "không lý do nào thay thế được" in html
    assert reverse("assignments:publish", args=[task.pk]) not in html
    response = office_client.post(
        reverse("assignments:publish", args=[task.pk]), {"waiver_reason": "Việc thường xuyên"}
    )
    assert response.status_code == 400
    assert "Hãy sửa nhiệm vụ trước" in response.content.decode()
    assert Task.objects.get(pk=task.pk).published_at is None
