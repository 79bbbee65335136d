"""The status rule in its two forms, Python and SQL, held against each other on the same data."""

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.status import status_annotation, status_filter, task_status
from dangvu.org.models import Organisation
from tests.assignments.conftest import CONFERENCE, make_task

DEADLINE = dt.date(2020, 12, 31)


class Fake:
    def __init__(self, deadline=DEADLINE, completed_on=None, suspended_on=None) -> None:  # type: ignore[no-untyped-def]
        self.deadline = deadline
        self.completed_on = completed_on
        self.suspended_on = suspended_on


@pytest.mark.parametrize(
    ("fake", "on", "expected"),
    [
        (Fake(), dt.date(2020, 10, 1), Status.IN_PROGRESS),
        (Fake(), dt.date(2020, 12, 23), Status.IN_PROGRESS),
        (Fake(), dt.date(2020, 12, 24), Status.DUE_SOON),
        (Fake(), dt.date(2020, 12, 31), Status.DUE_SOON),
        (Fake(), dt.date(2021, 1, 1), Status.OVERDUE),
        (Fake(completed_on=dt.date(2020, 12, 31)), dt.date(2021, 3, 1), Status.DONE_ON_TIME),
        (Fake(completed_on=dt.date(2021, 1, 8)), dt.date(2021, 3, 1), Status.DONE_LATE),
        # Before its completion, a task completed late was overdue.
        (Fake(completed_on=dt.date(2021, 1, 8)), dt.date(2021, 1, 5), Status.OVERDUE),
        # Without a deadline: its own status, never "within the deadline" nor "on time".
        (Fake(deadline=None), dt.date(2030, 1, 1), Status.NO_DEADLINE),
        (Fake(deadline=None, completed_on=CONFERENCE), CONFERENCE, Status.NO_DEADLINE),
        (Fake(deadline=None, suspended_on=CONFERENCE), CONFERENCE, Status.SUSPENDED),
        (Fake(suspended_on=dt.date(2020, 11, 1)), dt.date(2021, 1, 5), Status.SUSPENDED),
        (Fake(suspended_on=dt.date(2020, 11, 1)), dt.date(2020, 10, 5), Status.IN_PROGRESS),
    ],
)
def test_the_rule(fake: Fake, on: dt.date, expected: Status) -> None:
    assert task_status(fake, on) == expected


def test_the_window_is_configurable(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANGVU_DUE_SOON_DAYS = 3
    assert task_status(Fake(), dt.date(2020, 12, 27)) == Status.IN_PROGRESS
    assert task_status(Fake(), dt.date(2020, 12, 28)) == Status.DUE_SOON


DATES = [None, dt.date(2020, 11, 30), dt.date(2020, 12, 31), dt.date(2021, 1, 8)]


@pytest.fixture
def every_combination(demo: dict[str, Organisation]) -> list[Task]:
    """One task for each combination of deadline, completion and suspension dates."""
    tasks = []
    for deadline, completed, suspended in itertools.product(DATES, DATES, DATES[:2]):
        task = make_task(demo, deadline=deadline)
        Task.objects.filter(pk=task.pk).update(completed_on=completed, suspended_on=suspended)
        tasks.append(task)
    return tasks


@pytest.mark.parametrize(
    "on",
    [
        CONFERENCE,
        dt.date(2020, 11, 30),
        dt.date(2020, 12, 15),
        dt.date(2020, 12, 24),
        dt.date(2020, 12, 31),
        dt.date(2021, 1, 1),
        dt.date(2021, 1, 8),
        dt.date(2026, 1, 1),
    ],
)
def test_python_and_sql_agree(every_combination: list[Task], on: dt.date) -> None:
    rows = Task.objects.annotate(status=status_annotation(on))
    for task in rows:
        assert task.status == task_status(task, on), (task.deadline, task.completed_on, on)
    for status in Status:
        expected = {t.pk for t in rows if task_status(t, on) == status}
        assert set(Task.objects.filter(status_filter(status, on)).values_list("pk", flat=True)) == (
            expected
        ), status


@settings(max_examples=40, deadline=None)
@given(
    deadline=st.one_of(st.none(), st.dates(dt.date(2020, 9, 11), dt.date(2021, 3, 1))),
    completed=st.one_of(st.none(), st.dates(dt.date(2020, 9, 11), dt.date(2021, 3, 1))),
    on=st.dates(dt.date(2020, 9, 1), dt.date(2021, 3, 31)),
)
def test_exactly_one_status(deadline, completed, on) -> None:  # type: ignore[no-untyped-def]
    status = task_status(Fake(deadline=deadline, completed_on=completed), on)
    assert status in set(Status)
    if deadline is None:
        assert status == Status.NO_DEADLINE
    elif completed is not None and completed <= on:
        assert status in (Status.DONE_ON_TIME, Status.DONE_LATE)


# As of today or later the SQL forms drop "on or before `on`" from completions and suspensions
# (none is ever recorded in the future): that is what lets an index answer "not done". The same
# combinations, with "today" moved to the last of the dates so that none of them is in the future.
SETTLED_TODAY = dt.datetime(2021, 1, 8, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "on", [dt.date(2021, 1, 8), dt.date(2021, 1, 12), dt.date(2021, 3, 1), dt.date(2026, 1, 1)]
)
def test_python_and_sql_agree_as_of_today_and_later(
    every_combination: list[Task], on: dt.date, time_machine
) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(SETTLED_TODAY, tick=False)
    rows = Task.objects.annotate(status=status_annotation(on))
    for task in rows:
        assert task.status == task_status(task, on), (task.deadline, task.completed_on, on)
    for status in Status:
        expected = {t.pk for t in rows if task_status(t, on) == status}
        assert set(Task.objects.filter(status_filter(status, on)).values_list("pk", flat=True)) == (
            expected
        ), status


def test_the_settled_form_reads_no_date_of_completion(time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(SETTLED_TODAY, tick=False)
    overdue = str(Task.objects.filter(status_filter(Status.OVERDUE, dt.date(2021, 1, 8))).query)
    assert '"completed_on" IS NULL' in overdue
    assert '"completed_on" >' not in overdue
    past = str(Task.objects.filter(status_filter(Status.OVERDUE, dt.date(2020, 12, 1))).query)
    assert '"completed_on" >' in past
