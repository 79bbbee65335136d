"""A reorganisation as one act: the workbook's preview checks every row and rule, the confirm
writes everything or nothing; the same through the API; lineage both ways; links exported."""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import imports, selectors, synthetic
from dangvu.org.enums import Role, SuccessionKind
from dangvu.org.models import Membership, Organisation, Reorganisation, Succession
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMALL = {"districts": 6, "wards": 60, "new_wards": 13}


@pytest.fixture
def city(db: Any) -> dict[str, Any]:
    return synthetic.build_city(prefix="t", districts=6, wards=60)


def payload() -> dict[str, Any]:
    return synthetic.reorganisation_payload(prefix="t", **SMALL)


def errors_of(plan: imports.ImportPlan) -> list[tuple[str, int, str]]:
    return [(row.sheet, row.number, e) for row in plan.rows for e in row.errors]


def test_a_city_reorganisation_previews_clean_and_confirms_in_one_go(city: dict[str, Any]) -> None:
    plan = imports.read_workbook(synthetic.workbook_bytes(payload()), by=SYSTEM)
    assert errors_of(plan) == []
    assert Organisation.objects.filter(code__startswith="t-n").count() == 0  # nothing written
    result = imports.apply_plan(plan.to_payload(), by=SYSTEM)
    assert (result["organisations"], result["closed"], result["links"]) == (13, 6, 90)
    act = Reorganisation.objects.get()
    assert act.effective_on == dt.date(2025, 7, 1)
    assert act.links.count() == 90
    assert act.changes.filter(action="create").count() == 13
    # the districts and their wards are closed, the ward absorbed earlier untouched
    assert not Organisation.objects.filter(code__startswith="t-p", valid_to__isnull=True).exists()
    assert Organisation.objects.get(code="t-p-absorbed").valid_to == synthetic.ABSORBED_ON
    kinds = set(Succession.objects.values_list("kind", flat=True))
    assert kinds == {"whole", "part", "remainder", "absorbed"}


def test_lineage_answers_both_ways_across_two_changes(city: dict[str, Any]) -> None:
    imports.apply_plan(payload(), by=SYSTEM)
    early = Organisation.objects.get(code="t-p-absorbed")
    after = selectors.lineage(early)["after"]
    # absorbed into ward 0 on 1/1/2025, which went whole to new ward 0 on 1/7/2025
    assert [[(link.successor.code, link.successor_start) for link in s.links] for s in after] == [
        [("t-p0", dt.date(2025, 1, 1))],
        [("t-n0", dt.date(2025, 7, 1))],
    ]
    new = Organisation.objects.get(code="t-n0")
    before = selectors.lineage(new)["before"]
    assert before[0].links[0].predecessor.code == "t-p-absorbed"
    assert {link.predecessor.code for link in before[-1].links} >= {"t-p0", "t-p1"}


def test_bad_rows_are_refused_at_the_preview_naming_sheet_and_row(city: dict[str, Any]) -> None:
    data = payload()
    data["organisations"][0]["code"] = "t n 0"  # a code with spaces
    data["organisations"][1]["name"] = "Đ" * 275  # too long
    data["organisations"][2]["valid_to"] = ""  # fine: under the city, which goes on
    data["organisations"].append(
        {
            **data["organisations"][3],
            "code": "t-x",
            "parent": "t-q0",
            "valid_from": "2020-01-01",
        }  # outlives its district
    )
    data["links"][0]["kind"] = "một nửa"  # unknown kind
    data["links"].append({**data["links"][2], "kind": "whole"})  # repeated link
    data["links"].append(
        {"predecessor": "t-p6", "successor": "t-n5", "kind": "part", "wording": "", "clause": ""}
    )  # t-p6 already goes whole to t-n1
    data["updates"][1]["close_on"] = "2003-01-01"  # before the district starts
    before = (Organisation.objects.count(), Succession.objects.count())
    plan = imports.read_workbook(synthetic.workbook_bytes(data), by=SYSTEM)
    found = errors_of(plan)
    lines = [f"{sheet}:{row}:{e}" for sheet, row, e in found]
    messages = "\n".join(lines)
    assert any(line.startswith("Tổ chức:2:") and "không có dấu cách" in line for line in lines)
    assert any(line.startswith("Tổ chức:3:") and "quá dài: 275 ký tự" in line for line in lines)
    assert any(
        line.startswith("Tổ chức:15:") and "không thể tồn tại lâu hơn" in line for line in lines
    )
    assert any(
        line.startswith("Kế thừa:2:") and "không có hình thức “một nửa”" in line for line in lines
    )
    assert "bị lặp lại (dòng 4)" in messages
    assert "không thể có đơn vị kế thừa khác" in messages
    assert any(
        line.startswith("Cập nhật:3:") and "trước ngày tổ chức bắt đầu" in line for line in lines
    )
    assert not plan.is_valid
    assert (Organisation.objects.count(), Succession.objects.count()) == before


def test_confirm_writes_nothing_when_the_data_changed_since_the_preview(
    city: dict[str, Any],
) -> None:
    plan = imports.read_workbook(synthetic.workbook_bytes(payload()), by=SYSTEM)
    checked = plan.to_payload()
    spoiled = copy.deepcopy(checked)
    spoiled["links"][-1]["successor"] = "t-p0"  # an old ward: refused by the service
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal rolls back
        imports.apply_plan_or_error(spoiled, by=SYSTEM)
    assert not Reorganisation.objects.exists()
    assert not Organisation.objects.filter(code__startswith="t-n").exists()
    assert Organisation.objects.get(code="t-q0").valid_to is None


@pytest.fixture
def ward_office(city: dict[str, Any]) -> Any:
    """The office of one old ward (t-p5, under district t-q0)."""
    user = UserFactory()
    Membership.objects.create(user=user, organisation=city["wards"][5], role=Role.OFFICE)
    return user


def one_row_plan(office: Any, **sheets: list[dict[str, str]]) -> imports.ImportPlan:
    data: dict[str, Any] = {"act": [], "organisations": [], "updates": [], "links": []}
    data.update(sheets)
    return imports.read_workbook(synthetic.workbook_bytes(data), by=office)


def new_unit(code: str, parent: str, **extra: str) -> dict[str, str]:
    return {
        "code": code,
        "name": f"Đơn vị {code}",
        "kind": "party",
        "parent": parent,
        "valid_from": "1/1/2020",
        "valid_to": "30/6/2025",
        **extra,
    }


@pytest.mark.parametrize(
    ("row", "refusal"),
    [
        (
            new_unit("x-under-district", "t-q0"),
            "Bạn không được tạo đơn vị trực thuộc Quận ủy Mẫu 0",
        ),
        (new_unit("x-root", "", valid_to=""), "Chỉ quản trị viên được tạo tổ chức cấp cao nhất"),
        (new_unit("x-under-city", "t-tu", valid_to=""), "trực thuộc Thành ủy Mẫu T"),
        (new_unit("x-under-sibling", "t-p6"), "trực thuộc Đảng ủy phường Cũ Số 6"),
    ],
)
def test_a_ward_office_imports_only_under_its_ward(
    ward_office: Any, row: dict[str, str], refusal: str
) -> None:
    plan = one_row_plan(ward_office, organisations=[row])
    assert [e for r in plan.rows for e in r.errors] == [
        e for r in plan.rows for e in r.errors if refusal in e
    ]
    assert plan.rows[0].errors, refusal
    assert (plan.rows[0].sheet, plan.rows[0].number) == (imports.ORG_SHEET, 2)


def test_a_ward_office_imports_positions_only_in_its_ward(ward_office: Any) -> None:
    people = [
        {
            "full_name": "Nguyễn Văn Thành",
            "organisation": "t-tu",
            "title": "Bí thư Thành ủy",
            "valid_from": "1/1/2020",
        },
        {
            "full_name": "Trần Thị Ban",
            "organisation": "t-q0",
            "title": "Trưởng ban",
            "valid_from": "1/1/2020",
        },
        {
            "full_name": "Lê Văn Phường",
            "organisation": "t-p5",
            "title": "Bí thư",
            "valid_from": "1/1/2020",
        },
    ]
    plan = one_row_plan(ward_office, people=people)
    assert [bool(r.errors) for r in plan.rows] == [True, True, False]
    assert "Bạn không được ghi chức vụ tại Thành ủy Mẫu T" in plan.rows[0].errors[0]


def test_a_ward_office_cannot_close_or_link_beyond_its_ward(ward_office: Any) -> None:
    update = {"code": "t-q0", "close_on": "30/6/2025"}
    link = {"predecessor": "t-p5", "successor": "t-p6", "kind": "part"}
    plan = one_row_plan(ward_office, updates=[update], links=[link])
    assert "Bạn không được kết thúc Quận ủy Mẫu 0" in " ".join(plan.updates[0].errors)
    assert "quan hệ kế thừa do văn phòng quản lý cả hai đơn vị ghi nhận" in " ".join(
        plan.links[0].errors
    )


def test_a_ward_office_unit_under_its_ward_is_accepted(ward_office: Any) -> None:
    plan = one_row_plan(ward_office, organisations=[new_unit("t-p5-cb1", "t-p5")])
    assert errors_of(plan) == []
    imports.apply_plan(plan.to_payload(), by=ward_office)
    assert Organisation.objects.get(code="t-p5-cb1").parent.code == "t-p5"  # type: ignore[union-attr]


def test_the_pages_preview_confirm_and_export(client: Client, city: dict[str, Any]) -> None:
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    upload = io.BytesIO(synthetic.workbook_bytes(payload()))
    upload.name = "sap-xep.xlsx"
    response = client.post(reverse("org:import"), {"file": upload})
    assert response.status_code == 200
    assert not Reorganisation.objects.exists()
    response = client.post(reverse("org:import_confirm"))
    act = Reorganisation.objects.get()
    assert response["Location"] == reverse("org:reorganisation", args=[act.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đảng ủy phường Mới Số 0" in page
    export = client.get(reverse("org:reorganisation_links", args=[act.pk]))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 90
    assert rows[0][:3] == ("Mã đơn vị cũ", "Mã đơn vị mới", "Hình thức")
    assert AuditEntry.objects.filter(action="succession.add", actor=admin).count() == 90


def test_the_api_checks_then_writes_the_same_act(client: Client, city: dict[str, Any]) -> None:
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    data = payload()
    body = {
        **data["act"][0],
        "create": data["organisations"],
        "update": data["updates"],
        "links": data["links"],
    }
    bad = {**body, "links": [*body["links"], {**body["links"][0], "kind": "một nửa"}]}
    response = client.post("/api/org/reorganisations", bad, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["sheet"] == "Kế thừa"
    assert not Reorganisation.objects.exists()
    dry = client.post(
        "/api/org/reorganisations", {**body, "dry_run": True}, content_type="application/json"
    )
    assert (dry.status_code, dry.json()["valid"]) == (200, True)
    assert not Reorganisation.objects.exists()
    response = client.post("/api/org/reorganisations", body, content_type="application/json")
    assert response.status_code == 201, response.content
    act = Reorganisation.objects.get()
    links = client.get(f"/api/org/reorganisations/{act.pk}/links").json()
    assert len(links) == 90


def test_the_api_corrects_a_link_and_refuses_an_outsider(
    client: Client, city: dict[str, Any]
) -> None:
    imports.apply_plan(payload(), by=SYSTEM)
    link = Succession.objects.filter(kind=SuccessionKind.PART).first()
    assert link is not None
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.patch(
        f"/api/org/successions/{link.pk}",
        {"kind": "part", "wording": "sửa"},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(UserFactory(is_superuser=True))
    response = client.patch(
        f"/api/org/successions/{link.pk}",
        {"kind": "part", "wording": "Một phần diện tích", "clause": "7"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["clause"] == "7"
    detail = client.get(f"/api/org/organisations/{link.predecessor_id}").json()
    assert {s["clause"] for s in detail["successors"]} >= {"7"}
    # removing the part would leave the remainder alone: refused with the reason
    response = client.delete(f"/api/org/successions/{link.pk}")
    assert response.status_code in (400, 422)


def test_roles_are_imported_within_scope_only(ward_office: Any) -> None:
    colleague = UserFactory(username="canbo-p5")
    roles = [
        {"username": "canbo-p5", "organisation": "t-p5", "role": "Cán bộ tổng hợp đơn vị"},
        {"username": "canbo-p5", "organisation": "t-q0", "role": "reporter"},
        {"username": "khong-co", "organisation": "t-p5", "role": "reporter"},
        {"username": "canbo-p5", "organisation": "t-p5", "role": "trưởng nhóm"},
    ]
    plan = one_row_plan(ward_office, roles=roles)
    assert plan.rows[0].errors == []
    assert "Bạn không được cấp vai trò tại Quận ủy Mẫu 0" in plan.rows[1].errors[0]
    assert "khong-co" in plan.rows[2].errors[0]
    assert "không có vai trò “trưởng nhóm”" in plan.rows[3].errors[0]
    good = imports.read_workbook(synthetic.workbook_bytes({"roles": roles[:1]}), by=ward_office)
    imports.apply_plan(good.to_payload(), by=ward_office)
    assert Membership.objects.filter(user=colleague, role=Role.REPORTER).exists()


def test_the_api_search_finds_former_units_ignoring_case_and_diacritics(
    client: Client, city: dict[str, Any]
) -> None:
    imports.apply_plan(payload(), by=SYSTEM)
    client.force_login(UserFactory())
    found = client.get("/api/org/organisations", {"q": "PHƯỜNG CŨ SỐ 12"}).json()
    assert [o["code"] for o in found] == ["t-p12"]
    assert found[0]["valid_to"] == "2025-06-30"  # a former unit, marked by its end
    assert (
        client.get("/api/org/organisations", {"q": "phuong cu so 12", "on": "2026-01-01"}).json()
        == []
    )
