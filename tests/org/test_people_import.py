"""Issue 11, item 5: the people import creates user accounts (no usable password, a one-time
link to set one) and dated roles, refusing rows outside the importer's scope, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import imports, services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Membership, Organisation, Person, Position
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADINGS = list(imports.PEOPLE_COLUMNS.values())


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
    city = org("Thành ủy Mẫu", None, "p-tu")
    w1 = org("Đảng ủy phường Một", city, "p-w1")
    w2 = org("Đảng ủy phường Hai", city, "p-w2")
    office = UserFactory(username="p-office")
    services.membership_grant(user=office, organisation=w1, role=Role.OFFICE, by=SYSTEM)
    admin = UserFactory(username="p-admin")
    services.membership_grant(user=admin, organisation=city, role=Role.ADMIN, by=SYSTEM)
    reporter = UserFactory(username="p-reporter")
    services.membership_grant(user=reporter, organisation=w1, role=Role.REPORTER, by=SYSTEM)
    return {
        "city": city,
        "w1": w1,
        "w2": w2,
        "office": office,
        "admin": admin,
        "reporter": reporter,
    }


def row(**values: str) -> list[str]:
    defaults = {
        "full_name": "Nguyễn Văn An",
        "email": "an@example.org",
        "phone": "",
        "organisation": "p-w1",
        "title": "Bí thư",
        "valid_from": "1/7/2025",
        "valid_to": "",
        "username": "nv.an",
        "role": "Cán bộ tổng hợp đơn vị",
    }
    defaults.update(values)
    return [defaults[key] for key in imports.PEOPLE_COLUMNS]


def workbook(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = imports.PEOPLE_SHEET
    sheet.append(HEADINGS)
    for values in rows:
        sheet.append(values)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "nhan-su.xlsx"
    return data


def plan_for(user: Any, rows: list[list[str]]) -> imports.ImportPlan:
    return imports.read_workbook(workbook(rows).getvalue(), by=user)


def errors(plan: imports.ImportPlan) -> list[tuple[int, str]]:
    return [(r.number, e) for r in plan.rows for e in r.errors]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_import_creates_the_account_position_and_dated_role(world: dict[str, Any]) -> None:
    client = client_for(world["office"])
    rows = [
        row(valid_to="31/12/2025"),
        row(
            full_name="Trần Thị Bình",
            email="",
            username="tt.binh",
            title="",
            role="Thủ trưởng đơn vị",
        ),
    ]
    preview = client.post(reverse("org:import"), {"file": workbook(rows)}).content.decode()
    assert "Tất cả 2 dòng đều đúng" in preview
    assert not User.objects.filter(username="nv.an").exists()  # a preview writes nothing
    result = client.post(reverse("org:import_confirm"))
    html = result.content.decode()
    assert result.status_code == 200
    assert "Tài khoản người dùng mới" in html
    an = User.objects.get(username="nv.an")
    assert not an.has_usable_password()
    assert (an.full_name, an.email) == ("Nguyễn Văn An", "an@example.org")
    person = Person.objects.get(user=an)
    assert Position.objects.filter(person=person, title="Bí thư", organisation=world["w1"]).exists()
    membership = Membership.objects.get(user=an)
    assert (
        membership.role,
        membership.organisation,
        membership.valid_from,
        membership.valid_to,
    ) == (
        Role.REPORTER,
        world["w1"],
        dt.date(2025, 7, 1),
        dt.date(2025, 12, 31),
    )
    binh = User.objects.get(username="tt.binh")
    assert Membership.objects.get(user=binh).role == Role.HEAD
    assert not Position.objects.filter(person__user=binh).exists()  # a role only
    assert AuditEntry.objects.filter(action="account.create").count() == 2
    # the one-time link sets a password, once
    uid = services.account_setup_link(an).split("/")[-3]  # the token holds the time: not compared
    found = re.search(rf"https?://[^<\s]*/accounts/password/reset/{uid}/[^/<]+/", html)
    assert found is not None
    link = found.group(0)
    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()
    anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2025!", "new_password2": "Mat-khau-moi-2025!"},
    )
    an.refresh_from_db()
    assert an.check_password("Mat-khau-moi-2025!")
    again = Client().get(link, follow=True).content.decode()
    assert "new_password1" not in again


def test_an_existing_account_is_used_as_it_is(world: dict[str, Any]) -> None:
    existing = UserFactory(username="nv.an", full_name="Tên cũ")
    plan = plan_for(world["office"], [row()])
    assert plan.is_valid
    counts = imports.apply_plan_or_error(plan.to_payload(), by=world["office"])
    assert counts["accounts"] == []
    existing.refresh_from_db()
    assert existing.full_name == "Tên cũ"
    assert existing.has_usable_password()
    assert Membership.objects.filter(user=existing, organisation=world["w1"]).exists()


def test_rows_outside_the_importers_scope_are_refused(world: dict[str, Any]) -> None:
    plan = plan_for(
        world["office"],
        [
            row(),
            row(
                full_name="Lê Hai", email="hai@example.org", username="le.hai", organisation="p-w2"
            ),
        ],
    )
    found = errors(plan)
    assert [number for number, _e in found] == [3, 3]
    assert any("Đảng ủy phường Hai" in e and "cấp vai trò" in e for _n, e in found)
    assert any("chức vụ" in e for _n, e in found)
    # the valid row is not written either: nothing is half-applied
    response = client_for(world["office"]).post(reverse("org:import_confirm"))
    assert response.status_code == 302
    assert not User.objects.filter(username__in=["nv.an", "le.hai"]).exists()


def test_only_an_administrator_grants_the_administrator_role(world: dict[str, Any]) -> None:
    wanted = [row(role="Quản trị")]
    assert errors(plan_for(world["office"], wanted))
    assert plan_for(world["admin"], wanted).is_valid


def test_a_unit_reporter_may_not_import_people(world: dict[str, Any]) -> None:
    client = client_for(world["reporter"])
    assert client.get(reverse("org:import")).status_code == 403
    plan = plan_for(world["reporter"], [row()])
    messages = [e for _n, e in errors(plan)]
    assert "Đồng chí không có quyền tạo tài khoản người dùng." in messages
    with pytest.raises(PermissionDenied):
        services.account_create(username="x", full_name="X", by=world["reporter"])
    assert not User.objects.filter(username__in=["x", "nv.an"]).exists()


def test_anonymous_is_sent_to_the_login(world: dict[str, Any]) -> None:
    response = Client().get(reverse("org:import"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_bad_rows_get_vietnamese_messages_with_their_row(world: dict[str, Any]) -> None:
    locked = UserFactory(username="khoa", is_active=False)
    plan = plan_for(
        world["office"],
        [
            row(username="có dấu cách"),
            row(role="Thủ lĩnh"),
            row(full_name="Người khác", email="khac@example.org"),  # nv.an again, another person
            row(username="", title="", role="", email="x@example.org"),
            row(username=locked.username, email="k@example.org", full_name="Khóa"),
            row(username="", role="Cán bộ tổng hợp đơn vị", email="y@example.org", full_name="Y"),
        ],
    )
    by_row: dict[int, list[str]] = {}
    for number, error in errors(plan):
        by_row.setdefault(number, []).append(error)
    assert "chỉ được gồm chữ cái" in " ".join(by_row[2])
    assert "không có vai trò “Thủ lĩnh”" in " ".join(by_row[3]) or "Thủ lĩnh" in " ".join(by_row[3])
    assert "đã được dùng cho người khác ở dòng 3" in " ".join(by_row[4])
    assert "Chưa nhập “Chức vụ”" in " ".join(by_row[5])
    assert "đang bị khóa" in " ".join(by_row[6])
    assert "hãy ghi “Tên đăng nhập”" in " ".join(by_row[7])
    assert not plan.is_valid


def test_a_change_between_preview_and_confirm_rolls_everything_back(
    world: dict[str, Any],
) -> None:
    plan = plan_for(
        world["office"],
        [
            row(),
            row(
                full_name="Lê Hai",
                email="hai@example.org",
                username="le.hai",
                valid_from="1/8/2025",
            ),
        ],
    )
    assert plan.is_valid
    # meanwhile ward Một ends on 31/7/2025: the second row's position no longer fits
    services.organisation_close(organisation=world["w1"], on=dt.date(2025, 7, 31), by=SYSTEM)
    with pytest.raises(ValidationError) as error:
        imports.apply_plan_or_error(plan.to_payload(), by=world["office"])
    assert "Chưa nhập gì" in str(error.value) or "không tồn tại" in str(error.value)
    assert not User.objects.filter(username__in=["nv.an", "le.hai"]).exists()
    assert not Person.objects.filter(full_name__in=["Nguyễn Văn An", "Lê Hai"]).exists()
    assert not AuditEntry.objects.filter(action="account.create").exists()


def test_template_offers_the_account_and_role_columns() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(imports.template_workbook()))
    headings = [cell.value for cell in book[imports.PEOPLE_SHEET][1]]
    assert headings[-2:] == ["Tên đăng nhập", "Vai trò"]
