"""Discipline records are sensitive: only the deciding level, the level concerned and the
committee's commission read them (others get a 404), and every read is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from dangvu.core import policy
from dangvu.core.models import AuditEntry
from dangvu.inspection import services
from dangvu.inspection.enums import DisciplineForm, SubjectKind
from dangvu.inspection.models import DisciplineRecord
from tests.inspection.conftest import World, programme


def record_of_ward_a(world: World) -> DisciplineRecord:
    return services.discipline_record_create(
        deciding_body=world.ward_a, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ", form=DisciplineForm.WARNING,
        violation="Vi phạm quy định về những điều đảng viên không được làm.",
        decision_reference="12-QĐ/ĐU", decided_on=dt.date(2024, 6, 1),
        effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
    )  # fmt: skip


def reads(record: DisciplineRecord) -> list[tuple[str | None, str]]:
    return [
        (e.actor.username if e.actor else None, e.action)
        for e in AuditEntry.objects.filter(
            object_type="inspection.disciplinerecord", object_id=str(record.pk)
        ).exclude(action="discipline.create")
    ]


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("ward_a_office", 200),  # the level concerned
        ("district_office", 200),  # the level above
        ("district_leader", 200),
        ("commission", 200),  # the committee's inspection commission
        ("ward_b_office", 404),  # another ward
        ("ward_a_reporter", 404),  # a reporter, even of the ward
        ("propaganda_head", 404),  # another body of the committee
        ("stranger", 404),
    ],
)
def test_who_reads_a_ward_record(world: World, client: Client, username: str, status: int) -> None:
    programme(world)  # the commission runs the committee's inspection programme
    record = record_of_ward_a(world)
    client.force_login(world.users[username])
    response = client.get(f"/inspection/discipline/{record.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Lê Văn Kỷ" in response.content.decode()
        assert reads(record) == [(username, "discipline.read")]
    else:
        assert reads(record) == []


def test_another_wards_office_does_not_see_it_in_the_list(world: World, client: Client) -> None:
    record = record_of_ward_a(world)
    client.force_login(world.users["ward_b_office"])
    page = client.get("/inspection/discipline/").content.decode()
    assert "Lê Văn Kỷ" not in page
    assert reads(record) == []
    client.force_login(world.users["ward_a_office"])
    page = client.get("/inspection/discipline/").content.decode()
    assert "Lê Văn Kỷ" in page
    assert reads(record) == [("ward_a_office", "discipline.list_read")]


def test_each_read_is_logged(world: World, client: Client) -> None:
    record = record_of_ward_a(world)
    client.force_login(world.users["ward_a_office"])
    client.get(f"/inspection/discipline/{record.pk}/")
    client.get(f"/inspection/discipline/{record.pk}/")
    assert reads(record) == [("ward_a_office", "discipline.read")] * 2


def test_discipline_form_refuses_a_form_that_does_not_fit(world: World, client: Client) -> None:
    client.force_login(world.users["commission"])
    data = {
        "deciding_body": world.commission.pk, "subject_kind": SubjectKind.ORGANISATION,
        "subject_organisation": world.ward_a.pk, "member_name": "",
        "form": DisciplineForm.EXPULSION,
        "violation": "Vi phạm nguyên tắc tập trung dân chủ.", "decision_reference": "3-QĐ/UBKTQU",
        "decided_on": "10/06/2024", "effective_on": "10/06/2024",
    }  # fmt: skip
    response = client.post("/inspection/discipline/new/", data)
    assert response.status_code == 200
    assert "khiển trách, cảnh cáo hoặc giải tán" in response.content.decode()
    assert "Vi phạm nguyên tắc tập trung dân chủ." in response.content.decode()  # kept
    assert not DisciplineRecord.objects.exists()
    data["form"] = DisciplineForm.DISSOLUTION
    response = client.post("/inspection/discipline/new/", data)
    assert response.status_code == 302
    assert DisciplineRecord.objects.get().form == DisciplineForm.DISSOLUTION
