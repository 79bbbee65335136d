"""The counts of closed tasks kept by database triggers, and the statistics that read them:
they must say exactly what counting every task live says."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F

from dangvu.accounts.models import User
from dangvu.assignments import closed_counts, selectors, services, statistics
from dangvu.assignments.enums import StatisticsGrouping, Status
from dangvu.assignments.models import ClosedTasksByUnit, Task
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task

TODAY = dt.datetime(2021, 2, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def mix(demo: dict[str, Organisation], office: User, reporter: User) -> dict[str, Task]:
    """Tasks of every kind of outcome, made through the services."""

    def published(**kw: Any) -> Task:
        return services.task_publish(task=make_task(demo, **kw), by=office)

    on_time = published(content="Đúng hạn")
    services.completion_propose(task=on_time, by=reporter, on=dt.date(2020, 12, 20))
    services.completion_accept(task=on_time, by=office, on=dt.date(2020, 12, 28))
    late = published(content="Trễ hạn")
    services.completion_propose(task=late, by=reporter, on=dt.date(2021, 1, 6))
    services.completion_accept(task=late, by=office, on=dt.date(2021, 1, 8))
    stopped = published(content="Tạm dừng", lead_unit=demo["lb-bdv"])
    services.task_suspend(task=stopped, by=office, reason="Chờ chỉ đạo", on=dt.date(2020, 11, 2))
    # A task published without a deadline before issue 17 (no longer possible), then completed.
    no_deadline = published(content="Không thời hạn")
    Task.objects.filter(pk=no_deadline.pk).update(deadline=None, completed_on=dt.date(2021, 1, 20))
    open_without = published(content="Không thời hạn, đang làm")
    Task.objects.filter(pk=open_without.pk).update(deadline=None)
    services.task_publish(
        task=make_task(demo, content="Miễn sản phẩm", deliverable=""),
        by=office,
        waiver_reason="Sản phẩm do Thường trực xác định sau",
    )
    published(content="Quá hạn", lead_unit=demo["lb-ubkt"], deadline=dt.date(2020, 12, 10))
    published(content="Trong hạn", lead_unit=demo["lb-ubkt"], deadline=dt.date(2021, 3, 31))
    published(content="Sắp đến hạn", deadline=dt.date(2021, 2, 5))
    make_task(demo, content="Bản nháp")  # not published: never counted
    parent = published(
        content="Có việc con", lead_unit=demo["lb-dd"], deadline=dt.date(2021, 3, 31)
    )
    sub = services.subtask_create(
        parent=parent, by=office, content="Việc con", lead_unit=demo["lb-dd-cd"]
    )
    Task.objects.filter(pk=sub.pk).update(completed_on=dt.date(2021, 2, 1))  # a sub-task: never
    return {"on_time": on_time, "late": late, "stopped": stopped, "no_deadline": no_deadline}


def test_the_counts_follow_every_write(
    mix: dict[str, Task], office: User, demo: dict[str, Organisation]
) -> None:
    assert closed_counts.differences() == []
    kept = {
        (row.lead_unit_id, row.outcome): row.tasks
        for row in ClosedTasksByUnit.objects.filter(tasks__gt=0)
    }
    btg, bdv = demo["lb-btg"].pk, demo["lb-bdv"].pk
    assert kept == {
        (btg, Status.DONE_ON_TIME): 1,  # "Đúng hạn"
        (btg, Status.NO_DEADLINE): 1,  # done without a deadline: never "on time"
        (btg, Status.DONE_LATE): 1,
        (bdv, Status.SUSPENDED): 1,
    }
    # Services, plain updates and deletions all move them.
    services.task_resume(task=mix["stopped"], by=office)
    Task.objects.filter(pk=mix["late"].pk).update(deadline=F("deadline") + dt.timedelta(days=30))
    Task.objects.filter(pk=mix["on_time"].pk).update(lead_unit=demo["lb-ubkt"])
    mix["no_deadline"].delete()
    assert closed_counts.differences() == []
    kept = {
        (row.lead_unit_id, row.outcome): row.tasks
        for row in ClosedTasksByUnit.objects.filter(tasks__gt=0)
    }
    assert kept == {
        (demo["lb-ubkt"].pk, Status.DONE_ON_TIME): 1,
        (btg, Status.DONE_ON_TIME): 1,  # late no more: its deadline moved past the completion
    }


def test_the_command_checks_and_rebuilds(mix: dict[str, Task]) -> None:
    out = StringIO()
    call_command("closed_counts", "--check", stdout=out)
    assert "agree" in out.getvalue()
    ClosedTasksByUnit.objects.update(tasks=7)
    with pytest.raises(CommandError, match="differ"):
        call_command("closed_counts", "--check", stdout=StringIO())
    call_command("closed_counts", "--rebuild", stdout=StringIO())
    assert closed_counts.differences() == []


def live(user: User, filters: selectors.TaskFilters, grouping: str, monkeypatch: Any) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(statistics, "_closed_counts_answer", lambda *args: False)
        return selectors.task_statistics(user, filters, grouping)


def table(result: Any) -> list[tuple[Any, ...]]:
    rows, total = result
    return [
        (r.key, r.label, r.assigned, sorted(r.counts.items()), r.waived) for r in [*rows, total]
    ]


@pytest.mark.parametrize("grouping", list(StatisticsGrouping))
@pytest.mark.parametrize(
    "status", ["", Status.DONE_ON_TIME, Status.SUSPENDED, Status.OVERDUE, Status.NO_DEADLINE]
)
def test_the_statistics_read_from_them_say_what_counting_live_says(
    mix: dict[str, Task],
    office: User,
    demo: dict[str, Organisation],
    monkeypatch: Any,
    grouping: str,
    status: str,
) -> None:
    for filters in [
        selectors.TaskFilters(status=status),
        selectors.TaskFilters(status=status, on=dt.date(2021, 3, 1)),
        selectors.TaskFilters(status=status, committee=demo["lb-qu"]),
        selectors.TaskFilters(status=status, lead=demo["lb-btg"]),
        selectors.TaskFilters(status=status, lead_under=demo["lb-dd"]),
    ]:
        assert selectors._closed_counts_answer(office, filters, "committee_id")
        fast = selectors.task_statistics(office, filters, grouping)
        assert table(fast) == table(live(office, filters, grouping, monkeypatch)), filters
    everything = selectors.task_statistics(office, selectors.TaskFilters(), grouping)[1]
    assert everything.assigned == 10  # the published top-level tasks; no draft, no sub-task
    assert everything.no_deadline == 2  # the open one and the done one
    assert everything.waived == 1


def test_who_and_what_the_kept_counts_cannot_answer(
    mix: dict[str, Task], office: User, reporter: User, demo: dict[str, Organisation]
) -> None:
    answer = selectors._closed_counts_answer
    assert answer(office, selectors.TaskFilters(), "lead_unit_id")
    # A day in the past, a source, a period of deadlines, a unit (its coordinated tasks too).
    assert not answer(office, selectors.TaskFilters(on=dt.date(2021, 1, 1)), "lead_unit_id")
    assert not answer(office, selectors.TaskFilters(source="plan"), "lead_unit_id")
    assert not answer(
        office, selectors.TaskFilters(deadline_from=dt.date(2021, 1, 1)), "lead_unit_id"
    )
    assert not answer(office, selectors.TaskFilters(unit=demo["lb-btg"]), "lead_unit_id")
    assert not answer(office, selectors.TaskFilters(lead=demo["lb-btg"]), "deadline")
    # A unit's reporter sees tasks by unit, not by committee; a follower sees followed tasks.
    assert not answer(reporter, selectors.TaskFilters(), "lead_unit_id")
    mix["late"].followers.add(office)
    assert not answer(office, selectors.TaskFilters(), "lead_unit_id")


def test_the_triggers_are_installed_on_this_database(db: None) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'assignments_task'::regclass "
                "AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'assignments_task'"
            )
        names = {row[0] for row in cursor.fetchall()}
    assert names
    assert all(name.startswith("assignments_task_closed") for name in names)
