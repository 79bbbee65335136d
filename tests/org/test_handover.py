"""The hand-over of open work when a reorganisation takes effect."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.accounts.models import User
from dangvu.assignments import handover as task_handover
from dangvu.assignments import selectors as task_selectors
from dangvu.assignments import services as tasks
from dangvu.assignments.models import LeadUnitChange, Task
from dangvu.core.dates import today
from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import handover, services
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.models import Membership, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAST = dt.date(2025, 6, 30)
EFFECTIVE = dt.date(2025, 7, 1)


def org(name: str, parent: Organisation | None, start: dt.date, **kw: Any) -> Organisation:
    return services.organisation_create(
        name=name, kind=OrgKind.PARTY, parent=parent, valid_from=start, by=SYSTEM, **kw
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    city = org("Thành ủy Mẫu", None, dt.date(2004, 1, 1), code="m-tu")
    a = org("Đảng ủy phường Thượng Thanh", city, dt.date(2004, 1, 1), code="m-tt")
    b = org("Đảng ủy phường Giang Biên", city, dt.date(2004, 1, 1), code="m-gb")
    reporter = UserFactory(username="bc-tt")
    services.membership_grant(user=reporter, organisation=a, role=Role.REPORTER, by=SYSTEM)

    def task(lead: Organisation, content: str, **kw: Any) -> Task:
        made = tasks.task_create(
            committee=city,
            content=content,
            by=SYSTEM,
            issued_on=dt.date(2025, 3, 1),
            lead_unit=lead,
            deadline=dt.date(2025, 12, 31),
            deliverable="Báo cáo",
            authority=city,
        )
        return tasks.task_publish(task=made, by=SYSTEM, waiver_reason="Thử")

    open_a = task(a, "Rà soát hồ sơ đảng viên phường Thượng Thanh")
    done_a = task(a, "Tổng kết công tác năm của phường Thượng Thanh")
    tasks.completion_propose(task=done_a, by=SYSTEM, on=dt.date(2025, 5, 1))
    tasks.completion_accept(task=done_a, by=SYSTEM, on=dt.date(2025, 5, 2))
    open_b = task(b, "Kiểm tra chi bộ phường Giang Biên")
    act = services.reorganisation_create(
        number="1656/NQ-UBTVQH15",
        issued_on=dt.date(2025, 6, 16),
        issuer="Ủy ban Thường vụ Quốc hội",
        effective_on=EFFECTIVE,
        by=SYSTEM,
    )
    services.organisation_close(organisation=a, on=LAST, reorganisation=act, by=SYSTEM)
    services.organisation_close(organisation=b, on=LAST, reorganisation=act, by=SYSTEM)
    x = org("Đảng ủy phường Việt Hưng", city, EFFECTIVE, code="m-vh")
    y = org("Đảng ủy phường Phúc Lợi", city, EFFECTIVE, code="m-pl")
    for pred, succ, kind in (
        (a, x, SuccessionKind.WHOLE),
        (b, x, SuccessionKind.PART),
        (b, y, SuccessionKind.REMAINDER),
    ):
        services.succession_add(
            predecessor=pred, successor=succ, kind=kind, reorganisation=act, by=SYSTEM
        )
    return {
        "city": city,
        "a": a,
        "b": b,
        "x": x,
        "y": y,
        "act": act,
        "open_a": open_a,
        "done_a": done_a,
        "open_b": open_b,
        "reporter": reporter,
    }


def test_the_plan_counts_open_work_and_knows_the_single_successor(world: dict[str, Any]) -> None:
    plans = {p.unit.code: p for p in handover.handover_plan(world["act"])}
    assert (plans["m-tt"].tasks, plans["m-tt"].memberships) == (1, 1)
    assert plans["m-tt"].automatic == world["x"]
    assert plans["m-gb"].automatic is None
    assert [s.code for s in plans["m-gb"].successors] == ["m-pl", "m-vh"]


def test_progress_for_an_ended_unit_after_its_end_is_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        tasks.progress_report_create(
            task=world["open_a"],
            by=SYSTEM,
            unit=world["a"],
            done="Đã rà soát",
            percent=50,
            reported_on=dt.date(2025, 7, 10),
        )
    assert "đã kết thúc ngày 30/6/2025: không thể báo cáo" in str(error.value)


def test_carrying_out_hands_over_tasks_roles_with_history(world: dict[str, Any]) -> None:
    counts = handover.handover_carry_out(
        act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["y"]}
    )
    assert (counts["tasks"], counts["memberships"]) == (2, 1)
    open_a, open_b, done_a = (
        Task.objects.get(pk=world[k].pk) for k in ("open_a", "open_b", "done_a")
    )
    assert (open_a.lead_unit, open_b.lead_unit) == (world["x"], world["y"])
    assert done_a.lead_unit == world["a"]  # closed work stays with its unit
    change = LeadUnitChange.objects.get(task=open_a)
    assert change.reason == (
        "Chuyển giao từ Đảng ủy phường Thượng Thanh sang Đảng ủy phường Việt Hưng "
        "theo Nghị quyết 1656/NQ-UBTVQH15"
    )
    assert AuditEntry.objects.filter(action="task.handover").count() == 2
    timeline = task_selectors.task_timeline(open_a)
    assert [e.item.reason for e in timeline if e.kind == "handover"] == [change.reason]
    # the role follows from the effective day
    moved = Membership.objects.get(user=world["reporter"], organisation=world["x"])
    assert (moved.role, moved.valid_from) == (Role.REPORTER, EFFECTIVE)
    # nothing left; carrying out again changes nothing
    assert not any(p.open_items for p in handover.handover_plan(world["act"]))
    assert handover.handover_carry_out(act=world["act"], by=SYSTEM)["tasks"] == 0


def test_item_choice_wins_over_the_bulk_choice(world: dict[str, Any]) -> None:
    handover.handover_carry_out(
        act=world["act"],
        by=SYSTEM,
        bulk={world["b"].pk: world["y"]},
        items={("task", world["open_b"].pk): world["x"]},
    )
    assert Task.objects.get(pk=world["open_b"].pk).lead_unit == world["x"]


def test_a_split_unit_without_a_choice_keeps_its_work(world: dict[str, Any]) -> None:
    counts = handover.handover_carry_out(act=world["act"], by=SYSTEM)
    assert counts["tasks"] == 1  # only the unit taken whole
    assert Task.objects.get(pk=world["open_b"].pk).lead_unit == world["b"]


def test_a_wrong_successor_or_an_outsider_writes_nothing(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        handover.handover_carry_out(
            act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["city"]}
        )
    ward_office = UserFactory()
    Membership.objects.create(user=ward_office, organisation=world["x"], role=Role.OFFICE)
    with pytest.raises(PermissionDenied):
        handover.handover_carry_out(act=world["act"], by=ward_office)
    assert not LeadUnitChange.objects.exists()
    assert Task.objects.get(pk=world["open_a"].pk).lead_unit == world["a"]


def test_lead_unit_on_a_day_in_python_and_sql_agree(world: dict[str, Any]) -> None:
    handover.handover_carry_out(act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["y"]})
    for day in (dt.date(2025, 3, 1), LAST, EFFECTIVE, dt.date(2026, 1, 1)):
        sql = dict(
            Task.objects.annotate(lead_on=task_handover.lead_unit_on(day)).values_list(
                "pk", "lead_on"
            )
        )
        for task in Task.objects.prefetch_related("lead_unit_changes"):
            assert sql[task.pk] == task_handover.lead_unit_id_on(task, day), (task, day)
    assert sql[world["open_a"].pk] == world["x"].pk


def test_statistics_count_the_unit_of_the_day(world: dict[str, Any]) -> None:
    handover.handover_carry_out(act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["y"]})
    admin = User.objects.create_user(username="qt", password=None, is_superuser=True)

    def by_unit(day: dt.date) -> dict[Any, int]:
        counted = task_selectors._count(admin, task_selectors.TaskFilters(on=day), "lead_unit_id")
        out: dict[Any, int] = {}
        for unit, _status, n in counted:
            out[unit] = out.get(unit, 0) + n
        return out

    before = by_unit(dt.date(2025, 6, 1))
    assert before == {world["a"].pk: 2, world["b"].pk: 1}
    now = by_unit(today())
    assert now == {world["x"].pk: 1, world["y"].pk: 1, world["a"].pk: 1}


def test_the_successors_users_see_the_handed_over_task(world: dict[str, Any]) -> None:
    handover.handover_carry_out(act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["y"]})
    reporter = User.objects.get(pk=world["reporter"].pk)  # now a reporter of Việt Hưng
    visible = set(task_selectors.tasks_visible_to(reporter).values_list("pk", flat=True))
    assert world["open_a"].pk in visible
    report = tasks.progress_report_create(
        task=Task.objects.get(pk=world["open_a"].pk),
        by=reporter,
        unit=world["x"],
        done="Đã rà soát 120 hồ sơ",
        percent=60,
    )
    assert report.unit == world["x"]


def test_the_successors_users_read_their_predecessors_closed_tasks(world: dict[str, Any]) -> None:
    successor_reporter = UserFactory()
    Membership.objects.create(user=successor_reporter, organisation=world["x"], role=Role.REPORTER)
    stranger = UserFactory()
    Membership.objects.create(user=stranger, organisation=world["y"], role=Role.REPORTER)
    seen = set(task_selectors.tasks_visible_to(successor_reporter).values_list("pk", flat=True))
    assert world["done_a"].pk in seen  # stayed with Thượng Thanh, read as history
    assert world["open_b"].pk in seen  # Giang Biên went partly to Việt Hưng
    others = set(task_selectors.tasks_visible_to(stranger).values_list("pk", flat=True))
    assert world["done_a"].pk not in others


def test_unfinished_contributions_pass_to_the_successor(world: dict[str, Any]) -> None:
    from dangvu.reports import services as reports
    from dangvu.reports.enums import PeriodKind
    from dangvu.reports.models import Contribution

    period = reports.period_create(
        committee=world["city"],
        kind=PeriodKind.NINE_MONTHS,
        year=2025,
        due_on=dt.date(2025, 9, 20),
        by=SYSTEM,
    )
    reports.contributions_request(period=period, units=[world["a"], world["b"]], by=SYSTEM)
    plans = {p.unit.code: p for p in handover.handover_plan(world["act"])}
    assert plans["m-tt"].contributions == 1
    counts = handover.handover_carry_out(
        act=world["act"], by=SYSTEM, bulk={world["b"].pk: world["x"]}
    )
    # Thượng Thanh's goes to Việt Hưng; Giang Biên's would too, but Việt Hưng has one now
    assert (counts["contributions"], counts["skipped"]) == (1, 1)
    units = set(Contribution.objects.filter(period=period).values_list("unit__code", flat=True))
    assert units == {"m-vh", "m-gb"}
    assert AuditEntry.objects.filter(action="contribution.handover").count() == 1
