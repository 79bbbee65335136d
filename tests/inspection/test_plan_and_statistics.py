"""Programmes: the Excel import (preview naming rows, all or nothing) and the plan's progress;
statistics per level, the export's neutralised cells; the period report's figures from the
records; the API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.test import Client
from openpyxl import Workbook, load_workbook

from dangvu.config.api import api
from dangvu.core import policy
from dangvu.inspection import imports, services
from dangvu.inspection.enums import DisciplineForm, InspectionKind, SubjectKind
from dangvu.inspection.models import PlannedItem
from dangvu.inspection.statistics import inspection_statistics
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import IndicatorValue
from tests.inspection.conftest import World, decide, programme

HEADINGS = list(imports.COLUMNS.values())


def workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = ["Kiểm tra thường xuyên", "pa", "", "Công tác xây dựng Đảng", "2020", 2020, 5, "UBKT"]
SUPERVISION = ["Giám sát chuyên đề", "pb", "Trần Văn Giám", "Thực hiện quy chế", "", 2021, "", ""]


def test_plan_import_preview_then_confirm(world: World, client: Client) -> None:
    plan = programme(world)
    client.force_login(world.users["commission"])
    upload = io.BytesIO(workbook([GOOD, SUPERVISION]))
    upload.name = "ke-hoach.xlsx"
    response = client.post(f"/inspection/programmes/{plan.pk}/import/", {"file": upload})
    assert response.status_code == 200
    assert "2 dòng sẵn sàng để nhập." in response.content.decode()
    assert not PlannedItem.objects.exists()  # the preview writes nothing
    response = client.post(f"/inspection/programmes/{plan.pk}/import/confirm/")
    assert response.status_code == 302
    items = list(PlannedItem.objects.order_by("position"))
    assert [(i.kind, i.subject_organisation, i.planned_month) for i in items] == [
        (InspectionKind.REGULAR, world.ward_a, 5),
        (InspectionKind.THEMATIC_SUPERVISION, world.ward_b, None),
    ]
    assert items[1].subject_member == "Trần Văn Giám"


def test_plan_import_names_bad_rows_and_writes_nothing(world: World, client: Client) -> None:
    plan = programme(world)
    client.force_login(world.users["commission"])
    bad_year = [*GOOD[:5], 2030, 5, ""]
    unknown = ["Kiểm tra lung tung", "khong-co", "", "x", "", 2021, 13, ""]
    upload = io.BytesIO(workbook([GOOD, bad_year, unknown]))
    upload.name = "ke-hoach.xlsx"
    page = client.post(f"/inspection/programmes/{plan.pk}/import/", {"file": upload})
    text = page.content.decode()
    assert "2 dòng có lỗi" in text
    assert "Năm phải nằm trong thời gian của chương trình (2020–2025)." in text
    assert "Không rõ loại “Kiểm tra lung tung”." in text
    assert "Không có tổ chức mã “khong-co”." in text
    assert "Nhập các dòng này" not in text
    response = client.post(f"/inspection/programmes/{plan.pk}/import/confirm/")
    assert response.status_code == 302
    assert not PlannedItem.objects.exists()
    not_excel = io.BytesIO(b"MZ not a workbook")
    not_excel.name = "ke-hoach.xlsx"
    page = client.post(f"/inspection/programmes/{plan.pk}/import/", {"file": not_excel})
    assert "Đây không phải là tệp Excel (.xlsx)." in page.content.decode()


def test_plan_import_refused_to_another_office(world: World, client: Client) -> None:
    plan = programme(world)
    client.force_login(world.users["ward_a_office"])
    assert client.get(f"/inspection/programmes/{plan.pk}/").status_code == 404
    client.force_login(world.users["district_leader"])
    assert client.get(f"/inspection/programmes/{plan.pk}/").status_code == 200
    assert client.get(f"/inspection/programmes/{plan.pk}/import/").status_code == 403


def test_plan_progress_and_statistics(world: World, client: Client) -> None:
    plan = programme(world)
    items = services.planned_items_add(
        programme=plan, by=policy.SYSTEM,
        items=[services.PlannedItemData(InspectionKind.VIOLATION, world.ward_a, "Đất đai", 2024, 3),
               services.PlannedItemData(InspectionKind.THEMATIC_SUPERVISION, world.ward_b,
                                        "Quy chế", 2024, 4)],
    )  # fmt: skip
    decide(world, planned_item=items[0])
    decide(
        world, kind=InspectionKind.REGULAR_SUPERVISION, subjects=[
            services.SubjectData(world.ward_b, "Trần Văn Giám"),
            services.SubjectData(world.ward_b)],
    )  # fmt: skip
    # Ward B's own committee inspects its cell: a record of the level below.
    decide(
        world, issuer=world.ward_b, subjects=[services.SubjectData(world.ward_b)],
        by=world.users["ward_b_office"],
    )  # fmt: skip
    services.discipline_record_create(
        deciding_body=world.commission, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ", form=DisciplineForm.REPRIMAND,
        violation="=HYPERLINK(\"http://x\")", decision_reference="5-QĐ/UBKTQU",
        decided_on=dt.date(2024, 6, 1), effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
    )  # fmt: skip
    stats = inspection_statistics(
        world.users["district_office"], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)
    )
    total = stats.total.counts
    assert total["planned_inspections"] == 1
    assert total["planned_supervisions"] == 1
    assert total["inspections_held"] == 2
    assert total["supervisions_held"] == 1
    assert total["subject_organisations"] == 3
    assert total["subject_members"] == 1
    assert total["members_reprimand"] == 1
    # Rows: the district's own records (decided by its commission), then the ward's.
    assert [row.label for row in stats.rows] == ["Quận ủy Thử (của cấp này)", "Đảng ủy phường B"]
    assert [row.counts["inspections_held"] for row in stats.rows] == [1, 1]
    assert [row.drillable for row in stats.rows] == [False, True]
    # A ward office counts its own committee's records, not the district's inspections of it.
    ward = inspection_statistics(
        world.users["ward_b_office"], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)
    )
    assert ward.total.counts["inspections_held"] == 1
    assert ward.total.counts["supervisions_held"] == 0
    assert ward.total.counts["members_reprimand"] == 0
    client.force_login(world.users["district_office"])
    page = client.get(f"/inspection/programmes/{plan.pk}/").content.decode()
    assert "2 theo kế hoạch, 1 đã triển khai, 0 đã kết luận" in page
    page = client.get("/inspection/statistics/?start=2024-01-01&end=2024-12-31")
    assert page.status_code == 200
    drill = client.get(
        f"/inspection/statistics/?start=2024-01-01&end=2024-12-31&under={world.ward_b.pk}"
    )
    assert "Đảng ủy phường B (của cấp này)" in drill.content.decode()
    assert "lên một cấp" in drill.content.decode()  # back to the district it covers
    top = client.get("/inspection/statistics/?start=2024-01-01&end=2024-12-31")
    assert "lên một cấp" not in top.content.decode()  # the city is not the office's
    client.force_login(world.users["ward_a_office"])
    assert client.get(f"/inspection/statistics/?under={world.ward_b.pk}").status_code == 404
    client.force_login(world.users["district_office"])
    export = client.get("/inspection/statistics/export.xlsx?start=2024-01-01&end=2024-12-31")
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert 1 in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_export_neutralises_formula_cells(world: World, client: Client) -> None:
    plan = services.programme_create(
        issuer=world.commission, kind="year", title="=cmd|' /C calc'!A0", year_from=2024,
        year_to=2024, by=policy.SYSTEM,
    )  # fmt: skip
    services.planned_items_add(
        programme=plan, by=policy.SYSTEM,
        items=[services.PlannedItemData(InspectionKind.REGULAR, world.ward_a, "+SUM(A1)", 2024,
                                        lead="@lead", period_text="-2")],
    )  # fmt: skip
    client.force_login(world.users["commission"])
    response = client.get(f"/inspection/programmes/{plan.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=cmd|' /C calc'!A0" in texts
    assert "'+SUM(A1)" in texts
    assert "'@lead" in texts
    assert "'-2" in texts
    assert not any(t[0] in "=+-@" for t in texts)


def test_the_period_report_takes_the_figures_from_the_records(world: World) -> None:
    programme(world)  # the commission keeps its committee's records here from 2020
    decide(world)  # an inspection decided on 1/3/2024
    decide(world, kind=InspectionKind.THEMATIC_SUPERVISION)
    services.discipline_record_create(
        deciding_body=world.commission, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ", form=DisciplineForm.WARNING,
        violation="Vi phạm", decision_reference="5-QĐ/UBKTQU", decided_on=dt.date(2024, 6, 1),
        effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
    )  # fmt: skip
    office = world.users["district_office"]
    period = report_services.period_create(
        committee=world.district, kind=PeriodKind.NINE_MONTHS, year=2024,
        due_on=dt.date(2024, 9, 5), by=office,
    )  # fmt: skip
    commission, propaganda = report_services.contributions_request(
        period=period, units=[world.commission, world.propaganda], by=office
    )
    ids = {i.name: i.pk for i in period.indicators.all()}
    typed = {ids["Cuộc kiểm tra đã tiến hành"]: 26, ids["Đảng viên bị kỷ luật"]: 4}
    report_services.contribution_save(
        contribution=commission, entries={}, values=typed, by=policy.SYSTEM
    )
    report_services.contribution_save(
        contribution=propaganda, entries={}, values=typed, by=policy.SYSTEM
    )
    figures = {
        v.indicator.name: v.value
        for v in IndicatorValue.objects.filter(contribution=commission).select_related("indicator")
    }
    assert figures == {
        "Cuộc kiểm tra đã tiến hành": Decimal(1),
        "Cuộc giám sát đã tiến hành": Decimal(1),
        "Đảng viên bị kỷ luật": Decimal(1),
    }
    # Another unit keeps what it typed: the records answer only for the commission.
    assert IndicatorValue.objects.filter(contribution=propaganda).count() == 2


def test_api_lists_only_readable_inspections(world: World, client: Client) -> None:
    inspection = decide(world)
    assert "/api/inspection/" in api.get_openapi_schema()["paths"]
    client.force_login(world.users["ward_b_office"])
    assert client.get("/api/inspection/").json() == []
    assert client.get(f"/api/inspection/{inspection.pk}").status_code == 404
    client.force_login(world.users["ward_a_office"])
    body = client.get(f"/api/inspection/{inspection.pk}").json()
    assert body["decision_number"] == "1-QĐ/UBKTQU"
    refused = client.post(
        f"/api/inspection/{inspection.pk}/team-report",
        {"on": "2024-05-08"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    done = client.post(
        f"/api/inspection/{inspection.pk}/subject-report",
        {"on": "2024-03-18", "note": "Báo cáo"},
        content_type="application/json",
    )
    assert done.json()["state"] == "subject_reported"


def test_statistics_period_out_of_order_is_refused_with_a_message(
    world: World, client: Client
) -> None:
    client.force_login(world.users["district_office"])
    page = client.get("/inspection/statistics/?start=2024-12-31&end=2024-01-01")
    assert page.status_code == 200
    assert "Ngày cuối kỳ không thể trước ngày đầu kỳ." in page.content.decode()


def test_the_demo_keeps_the_district_closed_and_counts_from_records(db: Any) -> None:
    from dangvu.demo import scenario
    from dangvu.inspection.models import DisciplineRecord, Inspection, Recommendation
    from dangvu.org.models import Organisation

    scenario.load()
    ubkt = Organisation.objects.get(code="lb-ubkt")
    assert ubkt.issuer_code == "UBKTQU"
    assert ubkt.valid_to == dt.date(2025, 6, 30)  # still closed with the district
    assert Inspection.objects.filter(state="concluded").count() == 2
    assert DisciplineRecord.objects.get().form == DisciplineForm.REPRIMAND
    assert Recommendation.objects.filter(task__published_at__isnull=False).count() == 3
    # The 2020 plan carries out the term programme's 2020 items: both show Ngọc Lâm concluded.
    from dangvu.inspection.models import Programme
    from dangvu.inspection.selectors import plan_progress

    term = Programme.objects.get(issuer=ubkt, kind="term")
    plan = Programme.objects.get(issuer=ubkt, kind="year", year_from=2020)
    assert (plan_progress(term).planned, plan_progress(term).done) == (5, 1)
    assert (plan_progress(plan).planned, plan_progress(plan).done) == (3, 1)
    figures = {
        v.indicator.name: v.value
        for v in IndicatorValue.objects.filter(
            contribution__unit=ubkt, contribution__period__year=2020
        ).select_related("indicator")
    }
    assert figures == {
        "Cuộc kiểm tra đã tiến hành": Decimal(2),
        "Cuộc giám sát đã tiến hành": Decimal(0),
        "Đảng viên bị kỷ luật": Decimal(1),
    }
