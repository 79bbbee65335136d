"""The policy's inspection actions asked as every role: who may, who may not."""

from __future__ import annotations

import datetime as dt

from dangvu.core import policy
from dangvu.inspection import services
from dangvu.inspection.enums import DisciplineForm, SubjectKind
from tests.inspection.conftest import World, decide, programme

USERS = [
    "commission",
    "district_office",
    "district_leader",
    "propaganda_head",
    "ward_a_office",
    "ward_a_reporter",
    "ward_b_office",
    "stranger",
]


def allowed(world: World, action: str, obj: object) -> set[str]:
    return {name for name in USERS if policy.allowed(world.users[name], action, obj)}


def test_every_inspection_action_by_role(world: World) -> None:
    plan = programme(world)
    inspection = decide(world)
    record = services.discipline_record_create(
        deciding_body=world.commission, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ", form=DisciplineForm.REPRIMAND,
        violation="Vi phạm", decision_reference="5-QĐ/UBKTQU", decided_on=dt.date(2024, 6, 1),
        effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
    )  # fmt: skip
    managers = {"commission", "district_office"}
    assert allowed(world, "inspection_programme.manage", plan) == managers
    assert allowed(world, "inspection_programme.read", plan) == managers | {"district_leader"}
    assert allowed(world, "inspection.create", world.commission) == managers
    assert allowed(world, "inspection.manage", inspection) == managers
    assert allowed(world, "recommendation.follow", inspection) == managers
    assert allowed(world, "inspection.read", inspection) == managers | {
        "district_leader",
        "ward_a_office",
    }
    assert allowed(world, "inspection.subject_report", inspection) == managers | {"ward_a_office"}
    assert allowed(world, "discipline.read", record) == managers | {
        "district_leader",
        "ward_a_office",
    }
    assert allowed(world, "discipline.create", world.commission) == managers
    assert allowed(world, "discipline.create", world.ward_b) == {"district_office", "ward_b_office"}
    # System actors may; nobody (None) may not.
    assert policy.allowed(policy.SYSTEM, "discipline.read", record)
    assert not policy.allowed(None, "discipline.read", record)


def test_the_remaining_inspection_actions_by_role(world: World) -> None:
    """`inspection.use` (the menu), `discipline.manage` and `complaint.decide`: the rows the
    project's permission matrix (tests/core/test_permission_matrix.py) leaves to this file."""
    record = services.discipline_record_create(
        deciding_body=world.commission, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ", form=DisciplineForm.REPRIMAND,
        violation="Vi phạm", decision_reference="5-QĐ/UBKTQU", decided_on=dt.date(2024, 6, 1),
        effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
    )  # fmt: skip
    complaint = services.complaint_lodge(
        record=record, lodged_on=dt.date(2024, 6, 10), content="Khiếu nại", by=policy.SYSTEM
    )
    readers = {"commission", "district_office", "district_leader", "propaganda_head"}
    assert allowed(world, "inspection.use", None) == readers | {"ward_a_office", "ward_b_office"}
    # the statistics of a part of the tree: its readers and those above, never a sibling's;
    # the commission once it runs its committee's inspections (a programme of its own)
    above_a = {"district_office", "district_leader", "ward_a_office"}
    assert allowed(world, "inspection_statistics.read", world.ward_a) == above_a
    programme(world)
    assert allowed(world, "inspection_statistics.read", world.ward_a) == above_a | {"commission"}
    assert allowed(world, "inspection_statistics.read", None) == set()
    assert allowed(world, "discipline.manage", record) == {"commission", "district_office"}
    # Considered one level up (the district committee above the commission), never by the
    # commission that decided.
    assert allowed(world, "complaint.decide", complaint) == {"district_office"}
