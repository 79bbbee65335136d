"""Chapter 0 of the Long Biên story: inspection and supervision in 2020, before the 9-month
report, so that the report's inspection figures come from these records.

From the article of 12/9/2020: the UBKT drafted the "Chương trình kiểm tra, giám sát của Ban
Chấp hành Đảng bộ Quận và của UBKT Quận ủy giai đoạn 2020-2025", and the conclusion asks to
strengthen inspection and supervision. Everything else here is **sample data (dữ liệu mẫu)**:
the programme's items, the UBKT's 2020 plan (carrying out the programme's 2020 items), the two
2020 inspections (a regular inspection of Đảng ủy phường Ngọc Lâm; an inspection on signs of a
violation of a member of Đảng ủy phường Bồ Đề ending in a reprimand), their dates, teams,
numbers, conclusions and recommendations, the member's name and the follow-up of the
recommendations as tasks (one carried out on time, one late, one on time).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dangvu.assignments import services as task_services
from dangvu.core import policy
from dangvu.demo.chapters import Story
from dangvu.inspection import services
from dangvu.inspection.enums import DisciplineForm, InspectionKind, ProgrammeKind, SubjectKind
from dangvu.inspection.models import Inspection
from dangvu.inspection.services import PlannedItemData, RecommendationData, SubjectData
from dangvu.org import services as org_services
from dangvu.org.models import Organisation

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SAMPLE = " (dữ liệu mẫu)"
SIGNER_AUTHORITY = "T/M ỦY BAN KIỂM TRA"
SIGNER_TITLE = "Chủ nhiệm"
SIGNER_NAME = "Chủ nhiệm UBKT Quận ủy (mẫu)"


def _programme(story: Story) -> None:
    orgs = story["orgs"]
    ubkt = orgs["lb-ubkt"]
    committee_programme = services.programme_create(
        issuer=orgs["lb-qu"], kind=ProgrammeKind.TERM, year_from=2020, year_to=2025,
        title="Chương trình kiểm tra, giám sát của Ban Chấp hành Đảng bộ Quận giai đoạn "
        "2020-2025", reference="Dự thảo" + SAMPLE, by=policy.DEMO,
    )  # fmt: skip
    commission_programme = services.programme_create(
        issuer=ubkt, kind=ProgrammeKind.TERM, year_from=2020, year_to=2025,
        title="Chương trình kiểm tra, giám sát của Ủy ban Kiểm tra Quận ủy giai đoạn 2020-2025",
        reference="Dự thảo" + SAMPLE, by=policy.DEMO,
    )  # fmt: skip
    item = PlannedItemData
    services.planned_items_add(
        programme=committee_programme,
        items=[
            item(InspectionKind.THEMATIC_SUPERVISION, orgs["lb-ubnd"],
                 "Lãnh đạo thực hiện công tác giải phóng mặt bằng các dự án trọng điểm" + SAMPLE,
                 2021, 6, period_text="2020-2021", lead="Ban Thường vụ Quận ủy"),
            item(InspectionKind.REGULAR, orgs["lb-dukdn"],
                 "Lãnh đạo công tác phát triển đảng viên trong doanh nghiệp" + SAMPLE,
                 2022, 9, period_text="2021-2022", lead="Ban Thường vụ Quận ủy"),
        ],
        by=policy.DEMO,
    )  # fmt: skip
    made = services.planned_items_add(
        programme=commission_programme,
        items=[
            item(InspectionKind.REGULAR, orgs["lb-p-ngoclam"],
                 "Việc lãnh đạo thực hiện công tác xây dựng Đảng và quản lý đảng viên" + SAMPLE,
                 2020, 3, period_text="2019-2020", lead="Ủy ban Kiểm tra Quận ủy"),
            item(InspectionKind.FINANCE, orgs["lb-dd"],
                 "Thu, nộp, quản lý và sử dụng đảng phí" + SAMPLE,
                 2020, 10, period_text="2019-2020", lead="Ủy ban Kiểm tra Quận ủy"),
            item(InspectionKind.LOWER_COMMISSION, orgs["lb-p-bode"],
                 "Việc thực hiện nhiệm vụ kiểm tra, giám sát của Ủy ban Kiểm tra Đảng ủy"
                 + SAMPLE, 2021, 4, period_text="2020-2021", lead="Ủy ban Kiểm tra Quận ủy"),
            item(InspectionKind.REGULAR_SUPERVISION, orgs["lb-btg"],
                 "Thực hiện quy chế làm việc và chương trình công tác toàn khóa" + SAMPLE,
                 2022, None, period_text="2021-2022", lead="Ủy ban Kiểm tra Quận ủy"),
            item(InspectionKind.THEMATIC_SUPERVISION, orgs["lb-dd"],
                 "Việc thực hiện những điều đảng viên không được làm" + SAMPLE,
                 2023, 8, period_text="2022-2023", lead="Ủy ban Kiểm tra Quận ủy"),
        ],
        by=policy.DEMO,
    )  # fmt: skip
    # The commission's 2020 plan carries out the programme's two 2020 items and adds one.
    plan_2020 = services.programme_create(
        issuer=ubkt, kind=ProgrammeKind.YEAR, year_from=2020, year_to=2020,
        title="Kế hoạch kiểm tra, giám sát năm 2020 của Ủy ban Kiểm tra Quận ủy",
        reference="Kế hoạch (số mẫu)" + SAMPLE, by=policy.DEMO,
    )  # fmt: skip
    planned_2020 = services.planned_items_add(
        programme=plan_2020,
        items=[
            item(InspectionKind.REGULAR, orgs["lb-p-ngoclam"], made[0].content, 2020, 3,
                 period_text="2019-2020", lead="Ủy ban Kiểm tra Quận ủy", carries_out=made[0]),
            item(InspectionKind.FINANCE, orgs["lb-dd"], made[1].content, 2020, 10,
                 period_text="2019-2020", lead="Ủy ban Kiểm tra Quận ủy", carries_out=made[1]),
            item(InspectionKind.REGULAR_SUPERVISION, orgs["lb-p-bode"],
                 "Việc thực hiện quy chế làm việc của Đảng ủy" + SAMPLE, 2020, 11,
                 period_text="2020", lead="Ủy ban Kiểm tra Quận ủy"),
        ],
        by=policy.DEMO,
    )  # fmt: skip
    story["inspection_programme"] = commission_programme
    story["inspection_planned"] = planned_2020[0]


def _regular(story: Story) -> Inspection:
    orgs = story["orgs"]
    ward = orgs["lb-p-ngoclam"]
    inspection = services.inspection_decide(
        issuer=orgs["lb-ubkt"], kind=InspectionKind.REGULAR,
        planned_item=story["inspection_planned"],
        title="Kiểm tra việc lãnh đạo thực hiện công tác xây dựng Đảng và quản lý đảng viên "
        "đối với Đảng ủy phường Ngọc Lâm" + SAMPLE,
        content="Việc lãnh đạo, chỉ đạo thực hiện công tác xây dựng Đảng; quản lý, giáo dục đảng "
        "viên; thực hiện quy chế làm việc của Đảng ủy.",
        period_text="Từ tháng 1/2019 đến tháng 2/2020", decided_on=dt.date(2020, 3, 2),
        leader="Phó Chủ nhiệm UBKT Quận ủy (mẫu)", members="Ủy viên UBKT (mẫu)\nCán bộ UBKT (mẫu)",
        starts_on=dt.date(2020, 3, 9), ends_on=dt.date(2020, 4, 30),
        subject_report_due=dt.date(2020, 3, 20), team_report_due=dt.date(2020, 5, 8),
        conclusion_due=dt.date(2020, 5, 29), subjects=[SubjectData(organisation=ward)],
        by=policy.DEMO,
    )  # fmt: skip
    return inspection


def _regular_steps(story: Story, inspection: Inspection) -> Inspection:
    orgs = story["orgs"]
    ward = orgs["lb-p-ngoclam"]
    services.subject_report_record(
        inspection=inspection, on=dt.date(2020, 3, 19), by=policy.DEMO,
        note="Báo cáo tự kiểm tra của Đảng ủy phường Ngọc Lâm" + SAMPLE + ".",
    )  # fmt: skip
    services.team_report_record(
        inspection=inspection, on=dt.date(2020, 5, 12), by=policy.DEMO,
        note="Đoàn kiểm tra báo cáo kết quả kiểm tra" + SAMPLE + ".",
    )  # fmt: skip
    return services.conclusion_issue(
        inspection=inspection, on=dt.date(2020, 5, 26), by=policy.DEMO,
        text="Đảng ủy phường Ngọc Lâm lãnh đạo thực hiện công tác xây dựng Đảng cơ bản đúng quy "
        "định; việc quản lý hồ sơ đảng viên ở một số chi bộ chưa chặt chẽ" + SAMPLE + ".",
        recommendations=[
            RecommendationData(
                text="Rà soát, bổ sung hồ sơ đảng viên ở các chi bộ; báo cáo kết quả về Ủy ban "
                "Kiểm tra Quận ủy" + SAMPLE + ".", lead_unit=ward,
                deadline=dt.date(2020, 7, 31), deliverable="Báo cáo kết quả rà soát hồ sơ",
                authority=orgs["lb-ubkt"],
            ),
            RecommendationData(
                text="Sửa đổi quy chế làm việc của Đảng ủy nhiệm kỳ 2020-2025" + SAMPLE + ".",
                lead_unit=ward, deadline=dt.date(2020, 9, 30),
                deliverable="Quy chế làm việc đã sửa đổi", authority=orgs["lb-ubkt"],
            ),
        ],
        recipients="Thường trực Quận ủy (để b/c)\nĐảng ủy phường Ngọc Lâm\nLưu UBKT",
        signer_authority=SIGNER_AUTHORITY, signer_title=SIGNER_TITLE, signer_name=SIGNER_NAME,
    )  # fmt: skip


def _violation(story: Story) -> Inspection:
    orgs = story["orgs"]
    ward = orgs["lb-p-bode"]
    member = "Nguyễn Văn Mẫu (đảng viên, dữ liệu mẫu)"
    inspection = services.inspection_decide(
        issuer=orgs["lb-ubkt"], kind=InspectionKind.VIOLATION,
        title="Kiểm tra khi có dấu hiệu vi phạm đối với một đảng viên thuộc Đảng bộ phường Bồ Đề"
        + SAMPLE,
        content="Dấu hiệu vi phạm trong việc chấp hành quy định về quản lý trật tự xây dựng ở tổ "
        "dân phố" + SAMPLE + ".",
        period_text="Năm 2019", decided_on=dt.date(2020, 4, 14),
        leader="Ủy viên UBKT Quận ủy (mẫu)", members="Cán bộ UBKT (mẫu)",
        starts_on=dt.date(2020, 4, 20), ends_on=dt.date(2020, 5, 29),
        subject_report_due=dt.date(2020, 5, 4), team_report_due=dt.date(2020, 6, 12),
        conclusion_due=dt.date(2020, 6, 30),
        subjects=[SubjectData(organisation=ward, member_name=member)], by=policy.DEMO,
    )  # fmt: skip
    return inspection


def _violation_steps(story: Story, inspection: Inspection) -> Inspection:
    orgs = story["orgs"]
    ward = orgs["lb-p-bode"]
    member = inspection.subjects.get().member_name
    services.subject_report_record(
        inspection=inspection, on=dt.date(2020, 5, 6), by=policy.DEMO,
        note="Bản giải trình của đảng viên" + SAMPLE + ".",
    )  # fmt: skip
    services.team_report_record(
        inspection=inspection, on=dt.date(2020, 6, 10), by=policy.DEMO,
        note="Đoàn kiểm tra kết luận có vi phạm, đề nghị xem xét kỷ luật" + SAMPLE + ".",
    )  # fmt: skip
    inspection = services.conclusion_issue(
        inspection=inspection, on=dt.date(2020, 6, 26), by=policy.DEMO,
        text="Đảng viên có vi phạm quy định về quản lý trật tự xây dựng, đến mức phải xem xét, "
        "xử lý kỷ luật" + SAMPLE + ".",
        violations=list(inspection.subjects.values_list("pk", flat=True)),
        recommendations=[
            RecommendationData(
                text="Chỉ đạo chi bộ tổ chức kiểm điểm, rút kinh nghiệm về việc quản lý đảng viên"
                + SAMPLE + ".", lead_unit=ward, deadline=dt.date(2020, 8, 31),
                deliverable="Biên bản kiểm điểm của chi bộ", authority=orgs["lb-ubkt"],
            ),
        ],
        recipients="Thường trực Quận ủy (để b/c)\nĐảng ủy phường Bồ Đề\nLưu UBKT",
        signer_authority=SIGNER_AUTHORITY, signer_title=SIGNER_TITLE, signer_name=SIGNER_NAME,
    )  # fmt: skip
    services.discipline_record_create(
        deciding_body=orgs["lb-ubkt"], subject_kind=SubjectKind.MEMBER,
        subject_organisation=ward, member_name=member, form=DisciplineForm.REPRIMAND,
        violation="Vi phạm quy định về quản lý trật tự xây dựng" + SAMPLE + ".",
        decision_reference="Quyết định kỷ luật (số mẫu)", decided_on=dt.date(2020, 7, 10),
        effective_on=dt.date(2020, 7, 10), inspection=inspection, by=policy.DEMO,
    )  # fmt: skip
    return inspection


def _follow(
    inspection: Inspection, published: dt.datetime, done: list[tuple[dt.date, dt.date]]
) -> None:
    """Recommendations → published tasks; each completed (proposed, accepted) on the days given."""
    followed = services.recommendations_follow(inspection=inspection, by=policy.DEMO, at=published)
    for recommendation, (proposed, accepted) in zip(followed, done, strict=True):
        task = recommendation.task
        assert task is not None  # noqa: S101 - just created
        task_services.completion_propose(task=task, by=policy.DEMO, on=proposed)
        task_services.completion_accept(task=task, by=policy.DEMO, on=accepted)


def load(story: Story) -> None:
    orgs = story["orgs"]
    # Read afresh: the story's copy predates the district's closing (its saved valid_to).
    ubkt = Organisation.objects.get(pk=orgs["lb-ubkt"].pk)
    org_services.organisation_update(
        organisation=ubkt, by=policy.DEMO, name=ubkt.name, short_name=ubkt.short_name,
        kind=ubkt.kind,
        issuer_code="UBKTQU", sort_order=ubkt.sort_order,
    )  # fmt: skip
    orgs["lb-ubkt"] = ubkt
    _programme(story)
    # Decisions, then the later steps, so that the register's numbers follow the dates.
    regular = _regular(story)
    violation = _violation(story)
    regular = _regular_steps(story, regular)
    violation = _violation_steps(story, violation)
    # Ngọc Lâm: records done on time (accepted 28/7/2020); the regulations late (16/10/2020).
    _follow(
        regular,
        dt.datetime(2020, 5, 27, 8, 0, tzinfo=TZ),
        [
            (dt.date(2020, 7, 24), dt.date(2020, 7, 28)),
            (dt.date(2020, 10, 12), dt.date(2020, 10, 16)),
        ],
    )
    _follow(
        violation,
        dt.datetime(2020, 6, 29, 8, 0, tzinfo=TZ),
        [(dt.date(2020, 8, 20), dt.date(2020, 8, 25))],
    )
    story["inspections"] = [regular, violation]
