"""Statistics by unit across a reorganisation: the rows and the drill-down filters place every
lead unit in the same tree, the tree of the day the statistics are as of.

A ward merged away (ended, with a successor) counts under its successor on every day after its
end — today included, where the kept counts of closed tasks answer — and under its old district
before. A ward split in parts counts under one successor only: the one that took the remainder
(phần còn lại), so that no task counts twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.assignments import selectors as task_selectors
from dangvu.assignments import selectors as task_statistics
from dangvu.assignments import services as tasks
from dangvu.assignments.models import Task
from dangvu.core.dates import today
from dangvu.core.policy import SYSTEM
from dangvu.org import handover, selectors, services
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAST = dt.date(2025, 6, 30)
EFFECTIVE = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 3, 15)
AFTER = dt.date(2025, 8, 15)


def org(name: str, parent: Organisation | None, start: dt.date, code: str) -> Organisation:
    return services.organisation_create(
        name=name, kind=OrgKind.PARTY, parent=parent, valid_from=start, by=SYSTEM, code=code
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """City; district (ended 30/6/2025) with wards A and B; A taken whole by X, B split: a part
    to X, the remainder to Y (X and Y under the city from 1/7/2025); ward Z untouched. A's open
    task is handed over to X; A and B each completed one before the merge; Z has one."""
    city = org("Thành ủy Mẫu", None, dt.date(2004, 1, 1), "p-tu")
    district = org("Quận ủy Mẫu", city, dt.date(2004, 1, 1), "p-qu")
    a = org("Đảng ủy phường An Bình", district, dt.date(2004, 1, 1), "p-a")
    b = org("Đảng ủy phường Bình Minh", district, dt.date(2004, 1, 1), "p-b")
    z = org("Đảng ủy phường Zen", city, dt.date(2004, 1, 1), "p-z")
    office = UserFactory(username="p-office")
    services.membership_grant(user=office, organisation=city, role=Role.OFFICE, by=SYSTEM)

    def task(content: str, unit: Organisation, done: bool) -> Task:
        made = tasks.task_create(
            committee=city,
            content=content,
            by=SYSTEM,
            issued_on=dt.date(2025, 3, 1),
            lead_unit=unit,
            deadline=dt.date(2025, 12, 31),
            deliverable="Báo cáo",
            authority=city,
        )
        made = tasks.task_publish(task=made, by=SYSTEM, waiver_reason="Thử")
        if done:
            tasks.completion_propose(task=made, by=SYSTEM, on=dt.date(2025, 5, 1))
            tasks.completion_accept(task=made, by=SYSTEM, on=dt.date(2025, 5, 2))
        return made

    task("Rà soát hồ sơ phường An Bình", a, done=False)
    task("Tổng kết phường An Bình", a, done=True)
    task("Tổng kết phường Bình Minh", b, done=True)
    task("Tổng kết phường Zen", z, done=True)
    act = services.reorganisation_create(
        number="98/NQ-TEST",
        issued_on=dt.date(2025, 6, 1),
        issuer="Ủy ban Thường vụ",
        effective_on=EFFECTIVE,
        by=SYSTEM,
    )
    services.organisation_close(organisation=district, on=LAST, reorganisation=act, by=SYSTEM)
    x = org("Đảng ủy phường Xuân", city, EFFECTIVE, "p-x")
    y = org("Đảng ủy phường Yên", city, EFFECTIVE, "p-y")
    for predecessor, successor, kind in [
        (a, x, SuccessionKind.WHOLE),
        (b, x, SuccessionKind.PART),
        (b, y, SuccessionKind.REMAINDER),
    ]:
        services.succession_add(
            predecessor=predecessor,
            successor=successor,
            kind=kind,
            reorganisation=act,
            by=SYSTEM,
        )
    handover.handover_carry_out(act=act, by=SYSTEM)
    x_reporter = UserFactory(username="p-x")
    services.membership_grant(user=x_reporter, organisation=x, role=Role.REPORTER, by=SYSTEM)
    root = UserFactory(username="p-root", is_superuser=True)
    return {
        "city": city,
        "district": district,
        "a": a,
        "b": b,
        "x": x,
        "y": y,
        "z": z,
        "office": office,
        "root": root,
        "x_reporter": x_reporter,
    }


def count(user: Any, **filters: Any) -> int:
    return task_selectors.statistics_queryset(user, task_selectors.TaskFilters(**filters)).count()


def by_label(user: Any, on: dt.date) -> dict[str, int]:
    rows, _total = task_selectors.task_statistics(user, task_selectors.TaskFilters(on=on))
    return {row.label: row.assigned for row in rows}


@pytest.mark.parametrize("who", ["root", "office"])
def test_rows_follow_the_tree_of_the_day(world: dict[str, Any], who: str) -> None:
    user = world[who]
    assert by_label(user, BEFORE) == {"Quận ủy Mẫu": 3, "Đảng ủy phường Zen": 1}
    expected = {"Đảng ủy phường Xuân": 2, "Đảng ủy phường Yên": 1, "Đảng ủy phường Zen": 1}
    assert by_label(user, AFTER) == expected
    # today as after the merge: the abolished district is no row of its own
    assert by_label(user, today()) == expected


@pytest.mark.parametrize("who", ["root", "office", "x_reporter"])
@pytest.mark.parametrize("day", [BEFORE, LAST, EFFECTIVE, AFTER, None])
def test_each_row_is_what_its_drill_down_counts(
    world: dict[str, Any], who: str, day: dt.date | None
) -> None:
    user, on = world[who], day or today()
    rows, total = task_selectors.task_statistics(user, task_selectors.TaskFilters(on=on))
    assert total.assigned == count(user, on=on)
    for row in rows:
        assert row.key is not None
        unit = Organisation.objects.get(pk=row.key)
        assert count(user, on=on, lead_under=unit) == row.assigned, row.label


def test_a_split_ward_counts_under_the_remainder_only(world: dict[str, Any]) -> None:
    user = world["root"]
    for on in (AFTER, today()):
        assert count(user, on=on, lead=world["y"]) == 1  # B's task
        assert count(user, on=on, lead=world["x"]) == 2  # A's two tasks, not B's
        assert count(user, on=on, lead_under=world["city"]) == 4
    placed = selectors.placements(AFTER)
    assert placed[world["a"].pk] == world["x"].pk
    assert placed[world["b"].pk] == world["y"].pk
    assert world["district"].pk not in placed  # ended with no successor: stays where it was
    assert selectors.placements(BEFORE) == {}


def test_statistics_module_is_reexported_by_selectors() -> None:
    assert task_selectors.task_statistics is task_statistics.task_statistics
    assert task_selectors.StatisticsRow is task_statistics.StatisticsRow
    assert task_selectors.statistics_queryset is task_statistics.statistics_queryset


def test_the_successor_reports_on_and_completes_the_handed_over_task(
    world: dict[str, Any],
) -> None:
    """Done when: the successor ward's users report on and complete the handed-over task; the
    statistics of the last day before the merge count it for the old ward's district, open, and
    today for the successor, done."""
    from django.core.exceptions import PermissionDenied

    handed = Task.objects.get(content="Rà soát hồ sơ phường An Bình")
    assert handed.lead_unit == world["x"]
    reporter = world["x_reporter"]
    tasks.progress_report_create(
        task=handed, by=reporter, unit=world["x"], done="Đã rà soát 120 hồ sơ", percent=80
    )
    # the ended ward reports nothing after its end
    with pytest.raises((PermissionDenied, ValidationError)):
        tasks.progress_report_create(
            task=handed, by=SYSTEM, unit=world["a"], done="Muộn", percent=90
        )
    tasks.completion_propose(task=handed, by=reporter)
    tasks.completion_accept(task=handed, by=world["office"])
    handed.refresh_from_db()
    assert handed.completed_on == today()
    assert handed.progress == 100
    for who in ("root", "office"):
        rows, _total = task_selectors.task_statistics(
            world[who], task_selectors.TaskFilters(on=LAST)
        )
        district = next(row for row in rows if row.label == "Quận ủy Mẫu")
        assert (district.assigned, district.done_on_time, district.in_progress) == (3, 2, 1)
        rows, _total = task_selectors.task_statistics(world[who], task_selectors.TaskFilters())
        x = next(row for row in rows if row.label == "Đảng ủy phường Xuân")
        # A's task done before the merge, and the handed-over one done late (due 31/12/2025)
        assert (x.assigned, x.done_on_time, x.done_late, x.in_progress) == (2, 1, 1, 0)
