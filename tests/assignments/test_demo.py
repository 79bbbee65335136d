"""Chapter 3 of the demo: the Q4 2020 tasks and their statuses as of a day in Q4 and today."""

import datetime as dt
from typing import Any

from dangvu.accounts.models import User
from dangvu.assignments import selectors
from dangvu.assignments.enums import SourceKind, Status
from dangvu.assignments.models import DeadlineChange, ProgressReport, Task
from dangvu.assignments.status import task_status
from dangvu.demo import assignments as chapter
from dangvu.demo import scenario

# The conference's focus tasks (the inspection chapter adds tasks of its own, from documents).
# The conference's tasks: the inspection chapter adds tasks of kind "document", the 2025
# reorganisation chapter tasks of its own.
STORY_TASKS = {
    "published_at__isnull": False,
    "source_kind": SourceKind.CONCLUSION,
    "issued_on__year": 2020,
}


def statuses(on: dt.date) -> list[str]:
    tasks = Task.objects.filter(**STORY_TASKS).order_by("pk")
    return [task_status(t, on).value for t in tasks]


def check_story() -> None:
    tasks = list(Task.objects.filter(**STORY_TASKS).order_by("pk"))
    assert len(tasks) == 4
    assert [t.lead_unit.code for t in tasks] == ["lb-vp", "lb-bdv", "lb-ubkt", "lb-btg"]  # type: ignore[union-attr]
    assert all(t.deadline_text for t in tasks)
    assert all(t.published_at.year == 2020 for t in tasks)  # type: ignore[union-attr]
    assert statuses(dt.date(2020, 12, 15)) == [
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.OVERDUE,
        Status.IN_PROGRESS,
    ]
    assert statuses(dt.date(2026, 11, 26)) == [
        Status.DONE_ON_TIME,
        Status.DONE_ON_TIME,
        Status.DONE_LATE,
        Status.DONE_ON_TIME,
    ]
    assert DeadlineChange.objects.get().new_deadline == dt.date(2021, 1, 31)
    assert ProgressReport.objects.filter(task__issued_on__year=2020).count() == 15
    # Every date falls while Quận ủy Long Biên exists.
    last = max(t.completed_on for t in tasks)  # type: ignore[type-var]
    assert last <= scenario.DISTRICT_TO
    office = User.objects.get(username="vanphong")
    filters = selectors.TaskFilters(on=dt.date(2021, 3, 1), source=SourceKind.CONCLUSION)
    _rows, total = selectors.task_statistics(office, filters)
    assert (total.assigned, total.done_on_time, total.done_late) == (4, 3, 1)
    assert total.percent_on_time == 75.0


def test_the_whole_story(db: Any) -> None:
    scenario.load()
    check_story()


def test_without_the_conference_chapter(db: Any) -> None:
    scenario.load(chapters=[chapter.load])
    check_story()
    assert Task.objects.first().source_reference.startswith("Kết luận hội nghị ngày 11/9/2020")  # type: ignore[union-attr]
