"""The API's reorganisation endpoint takes the workbook's people and roles too: the same rows,
through the same checks and services as the sheets “Nhân sự” and “Vai trò”, all or nothing;
refused for a role that may not import (403), each bad row answered with 422 and a Vietnamese
sentence naming its sheet and row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Membership, Organisation, Person, Position, Reorganisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/org/reorganisations"


def org(name: str, parent: Organisation | None, code: str) -> Organisation:
    return services.organisation_create(
        name=name,
        kind=OrgKind.PARTY,
        parent=parent,
        valid_from=dt.date(2025, 7, 1),
        by=SYSTEM,
        code=code,
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    city = org("Thành ủy Mẫu", None, "a-tu")
    w1 = org("Đảng ủy phường Một", city, "a-w1")
    w2 = org("Đảng ủy phường Hai", city, "a-w2")
    admin = UserFactory(username="a-admin")
    services.membership_grant(user=admin, organisation=city, role=Role.ADMIN, by=SYSTEM)
    office = UserFactory(username="a-office")
    services.membership_grant(user=office, organisation=w1, role=Role.OFFICE, by=SYSTEM)
    reporter = UserFactory(username="a-reporter")
    services.membership_grant(user=reporter, organisation=w1, role=Role.REPORTER, by=SYSTEM)
    colleague = UserFactory(username="a-canbo")
    return {
        "city": city,
        "w1": w1,
        "w2": w2,
        "admin": admin,
        "office": office,
        "reporter": reporter,
        "colleague": colleague,
    }


ACT = {
    "number": "12/NQ-TEST",
    "issued_on": "20/6/2025",
    "issuer": "Ủy ban Thường vụ",
    "effective_on": "1/7/2025",
}


def person(**values: str) -> dict[str, str]:
    return {
        "full_name": "Nguyễn Văn An",
        "email": "an@example.org",
        "organisation": "a-w1",
        "title": "Bí thư",
        "valid_from": "1/7/2025",
        "username": "nv.an",
        "role": "Cán bộ tổng hợp đơn vị",
        **values,
    }


def post(user: Any, body: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(user)
    return client.post(URL, body, content_type="application/json")


def nothing_written() -> bool:
    return (
        not Reorganisation.objects.exists()
        and not Person.objects.exists()
        and not User.objects.filter(username__in=["nv.an", "tt.binh"]).exists()
        and not Membership.objects.filter(user__username="a-canbo").exists()
    )


def test_people_and_roles_come_in_with_the_act(world: dict[str, Any]) -> None:
    body = {
        **ACT,
        "people": [
            person(valid_to="31/12/2025"),
            person(full_name="Trần Thị Bình", email="", username="tt.binh", title="", role="head"),
        ],
        "roles": [{"username": "a-canbo", "organisation": "a-w2", "role": "reporter"}],
    }
    dry = post(world["admin"], {**body, "dry_run": True})
    assert (dry.status_code, dry.json()) == (200, {"valid": True, "errors": []})
    assert nothing_written()
    response = post(world["admin"], body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["number"] == "12/NQ-TEST"
    assert data["counts"] == {
        "organisations": 0,
        "updated": 0,
        "closed": 0,
        "links": 0,
        "positions": 1,
        "roles": 3,
    }
    assert sorted(a["username"] for a in data["accounts"]) == ["nv.an", "tt.binh"]
    assert all("/accounts/password/reset/" in a["setup_link"] for a in data["accounts"])
    an = User.objects.get(username="nv.an")
    assert not an.has_usable_password()
    position = Position.objects.get(person__user=an)
    assert (position.title, position.organisation, position.valid_to) == (
        "Bí thư",
        world["w1"],
        dt.date(2025, 12, 31),
    )
    assert Membership.objects.get(user=an).role == Role.REPORTER
    assert Membership.objects.get(user__username="tt.binh").role == Role.HEAD
    granted = Membership.objects.get(user=world["colleague"])
    assert (granted.organisation, granted.role) == (world["w2"], Role.REPORTER)
    # the same services: an audit entry for each write, by the importer
    admin = world["admin"]
    assert AuditEntry.objects.filter(action="account.create", actor=admin).count() == 2
    assert AuditEntry.objects.filter(action__startswith="membership.", actor=admin).count() == 3


@pytest.mark.parametrize("who", ["reporter", "colleague"])
def test_a_role_that_may_not_import_is_refused(world: dict[str, Any], who: str) -> None:
    response = post(world[who], {**ACT, "people": [person()]})
    assert response.status_code == 403
    assert response.json()["detail"] == "Chỉ Văn phòng và quản trị viên được thay đổi tổ chức."
    assert nothing_written()


def test_anonymous_is_refused(world: dict[str, Any]) -> None:
    response = Client().post(URL, {**ACT, "people": [person()]}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert nothing_written()


def test_a_ward_office_is_refused_rows_outside_its_ward(world: dict[str, Any]) -> None:
    body = {**ACT, "people": [person(role=""), person(organisation="a-w2", username="", role="")]}
    response = post(world["office"], body)
    assert response.status_code == 422
    people_errors = [e for e in response.json()["errors"] if e["sheet"] == "Nhân sự"]
    assert [e["row"] for e in people_errors] == [2]
    message = people_errors[0]["message"]
    assert message.startswith("Trang “Nhân sự”, dòng 2: ")
    assert "Đảng ủy phường Hai" in message
    assert "ngoài phạm vi" in message
    assert nothing_written()


@pytest.mark.parametrize(
    ("sheet", "rows", "row", "words"),
    [
        ("people", [person(), person(valid_from="31/2/2025")], 2, "Từ ngày"),
        ("people", [person(username="nv an")], 1, "không có dấu cách"),
        ("people", [person(organisation="khong-co")], 1, "khong-co"),
        ("people", [person(full_name="")], 1, "Họ và tên"),
        ("people", [person(valid_from="1/7/2025", valid_to="1/1/2025")], 1, "trước ngày bắt đầu"),
        ("roles", [{"username": "a-canbo", "organisation": "a-w1", "role": "vua"}], 1, "vua"),
        ("roles", [{"username": "khong-ai", "organisation": "a-w1", "role": "reporter"}], 1, ""),
    ],
)
def test_bad_rows_are_answered_naming_sheet_and_row(
    world: dict[str, Any], sheet: str, rows: list[dict[str, str]], row: int, words: str
) -> None:
    response = post(world["admin"], {**ACT, sheet: rows})
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [e["row"] for e in errors] == [row]
    title = "Nhân sự" if sheet == "people" else "Vai trò"
    assert errors[0]["sheet"] == title
    assert errors[0]["message"].startswith(f"Trang “{title}”, dòng {row}: ")
    assert words in errors[0]["message"]
    assert nothing_written()


def test_the_act_is_required(world: dict[str, Any]) -> None:
    body = {"number": "", "issued_on": "", "issuer": "", "effective_on": "", "people": [person()]}
    response = post(world["admin"], body)
    assert response.status_code == 422
    first = response.json()["errors"][0]
    assert first["sheet"] == "Quyết định"
    assert "Cần ghi quyết định" in first["message"]
    assert nothing_written()
