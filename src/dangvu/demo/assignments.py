"""Chapter 3 of the Long Biên story: following up the four focus-task groups of the conclusion of
11/9/2020 through the last quarter of 2020.

The article names no lead unit for any group (the 6-rõ check shows that). Everything this chapter
adds beyond the conclusion's wording is **sample data**: the office's choice of lead, coordinating
units and products, the progress reports, the dates of proposals and acceptances, the deadline
change of group 2 and the earlier deadline of group 3. They are chosen to give a realistic mix:

- group 1, Văn phòng (with Ban Tổ chức, UBKT), 31/12/2020: done on time, accepted 18/12/2020;
- group 2, Ban Dân vận (with UBMTTQ), 31/12/2020 moved to 31/1/2021 on 28/12/2020: done on
  time, accepted 25/1/2021;
- group 3, UBKT (with UBMTTQ), 30/11/2020: overdue on 15/12/2020, done late, accepted 7/1/2021;
- group 4, Ban Tuyên giáo, 31/12/2020: done on time, accepted 31/12/2020.

Every date falls while Quận ủy Long Biên exists (until 30/6/2025). When chapter 2 (the
conference) ran, its tasks come in `story["conclusion_tasks"]`; otherwise this chapter records
the four groups itself from the conclusion's wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from dangvu.assignments import services
from dangvu.assignments.enums import Priority, SourceKind
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.demo.chapters import Story

CONFERENCE_DAY = dt.date(2020, 9, 11)
PUBLISHED_AT = dt.datetime(2020, 9, 14, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # sample
DEADLINE = dt.date(2020, 12, 31)
DEADLINE_TEXT = "3 tháng cuối năm 2020"
SOURCE_REFERENCE = "Kết luận hội nghị ngày 11/9/2020 của Thường trực Quận ủy, mục %d"

# The conclusion's four groups, in the article's words.
GROUP_TEXTS = [
    "Ban hành Quy chế làm việc của Ban Chấp hành Đảng bộ Quận, Ban Thường vụ Quận ủy, Ủy ban "
    "Kiểm tra Quận ủy Long Biên khóa IV, nhiệm kỳ 2020-2025; Chương trình hành động thực hiện "
    "Nghị quyết Đại hội Đảng bộ Quận, Chương trình làm việc của Ban Chấp hành Đảng bộ quận khóa "
    "IV, nhiệm kỳ 2020-2025; Chương trình kiểm tra, kế hoạch giám sát của Ban Chấp hành Đảng bộ "
    "Quận và của UBKT Quận ủy giai đoạn 2020-2025; 03 Chương trình công tác trọng tâm toàn khóa "
    "của Ban Chấp hành Đảng bộ Quận khóa IV, nhiệm kỳ 2020-2025. Triển khai Kế hoạch tuyên "
    "truyền, quán triệt triển khai Nghị quyết Đại hội đại biểu Đảng bộ quận Long Biên lần thứ IV, "
    "nhiệm kỳ 2020-2025 và 03 Chương trình công tác trọng tâm toàn khóa của Ban Chấp hành Đảng bộ "
    "Quận khóa IV.",
    "Rà soát, thực hiện công tác xây dựng đảng theo kế hoạch công tác năm trên các lĩnh vực. "
    "Tiếp tục chuẩn bị các điều kiện để triển khai mô hình “Chính quyền đô thị” theo chỉ đạo của "
    "Thành phố. Tiếp tục triển khai hiệu quả “Năm Dân vận khéo”, huy động cả hệ thống chính trị "
    "và các tầng lớp nhân dân tham gia thực hiện thắng lợi các nhiệm vụ chính trị của Quận. Tổ "
    "chức đánh giá, phân loại tổ chức cơ sở đảng và đảng viên và tổng kết công tác xây dựng đảng "
    "năm 2020.",
    "Tăng cường công tác kiểm tra, giám sát; tiếp tục nâng cao hiệu quả hoạt động giám sát, phản "
    "biện xã hội, góp ý xây dựng đảng, xây dựng chính quyền các cấp của MTTQ và các đoàn thể. "
    "Tiếp tục tham gia đóng góp ý kiến vào văn kiện đại hội Đảng các cấp, tuyên truyền vận động "
    "nhân dân trong công tác phòng chống dịch bệnh, thực hiện các chính sách GPMB. Tổ chức ngày "
    "hội đại đoàn kết toàn dân tộc, hội nghị tiếp xúc, đối thoại trực tiếp giữa người đứng đầu "
    "cấp ủy, chính quyền các cấp với MTTQ, các tổ chức chính trị xã hội và nhân dân trên địa bàn "
    "quận năm 2020.",
    "Chỉ đạo triển khai các hoạt động chào mừng các ngày lễ, kỷ niệm của Thủ đô, đất nước trong "
    "3 tháng cuối năm 2020, tổ chức tổng kết công tác năm trên các lĩnh vực và chuẩn bị các hoạt "
    "động chào đón năm mới và Tết Nguyên đán năm 2021 đảm bảo chu đáo, đầy đủ về chế độ chính "
    "sách và phù hợp với tình hình phòng chống dịch bệnh trên địa bàn Quận.",
]


@dataclass(frozen=True)
class Report:
    day: dt.date
    percent: int
    done: str
    difficulties: str = ""
    next_steps: str = ""
    unit: str = ""  # a coordinating unit's code; the lead unit when empty


@dataclass(frozen=True)
class Plan:
    """What the office decided for one group, and what happened (sample data)."""

    lead: str
    coordinating: tuple[str, ...]
    deliverable: str
    priority: str
    reports: tuple[Report, ...]
    deadline: dt.date = DEADLINE
    proposed_on: dt.date | None = None
    accepted_on: dt.date | None = None
    deadline_change: tuple[dt.date, dt.date, str] | None = None  # (on, new deadline, reason)


PLANS = [
    Plan(
        lead="lb-vp",
        coordinating=("lb-btc", "lb-ubkt"),
        deliverable=(
            "Quy chế làm việc khóa IV; Chương trình hành động; Chương trình kiểm tra, giám sát "
            "toàn khóa; 03 Chương trình công tác trọng tâm"
        ),
        priority=Priority.HIGH,
        reports=(
            Report(
                dt.date(2020, 10, 15),
                40,
                "Đã dự thảo Quy chế làm việc của Ban Chấp hành, Ban Thường vụ, UBKT Quận ủy khóa "
                "IV; xin ý kiến các ban xây dựng Đảng.",
                next_steps="Trình Ban Thường vụ cho ý kiến dự thảo Quy chế và Chương trình "
                "hành động.",
            ),
            Report(
                dt.date(2020, 11, 16),
                75,
                "Ban Thường vụ đã cho ý kiến; hoàn thiện Chương trình hành động và 03 Chương "
                "trình công tác trọng tâm toàn khóa.",
                unit="",
            ),
            Report(
                dt.date(2020, 11, 20),
                60,
                "Ban Tổ chức góp ý dự thảo Quy chế về phân công nhiệm vụ cấp ủy viên.",
                unit="lb-btc",
            ),
            Report(
                dt.date(2020, 12, 8),
                100,
                "Ban Chấp hành Đảng bộ Quận đã ban hành Quy chế làm việc, Chương trình hành động "
                "và Chương trình kiểm tra, giám sát toàn khóa.",
            ),
        ),
        proposed_on=dt.date(2020, 12, 10),
        accepted_on=dt.date(2020, 12, 18),
    ),
    Plan(
        lead="lb-bdv",
        coordinating=("lb-mttq",),
        deliverable=(
            "Báo cáo tổng kết công tác xây dựng Đảng và “Năm Dân vận khéo” năm 2020; kết quả "
            "đánh giá, phân loại tổ chức cơ sở đảng và đảng viên"
        ),
        priority=Priority.NORMAL,
        reports=(
            Report(
                dt.date(2020, 10, 20),
                30,
                "Hướng dẫn các chi, đảng bộ cơ sở đăng ký mô hình “Dân vận khéo” năm 2020.",
            ),
            Report(
                dt.date(2020, 11, 25),
                55,
                "UBMTTQ quận phối hợp tổng hợp kết quả các mô hình “Dân vận khéo” ở khu dân cư.",
                unit="lb-mttq",
            ),
            Report(
                dt.date(2020, 12, 21),
                70,
                "Đã tổng hợp 42 mô hình “Dân vận khéo”; đang hướng dẫn đánh giá, phân loại.",
                difficulties="Hướng dẫn đánh giá, xếp loại của Thành ủy năm 2020 ban hành muộn.",
                next_steps="Đề nghị điều chỉnh thời hạn sang tháng 01/2021.",
            ),
            Report(
                dt.date(2021, 1, 20),
                100,
                "Hoàn thành đánh giá, phân loại tổ chức cơ sở đảng và đảng viên; báo cáo tổng kết "
                "“Năm Dân vận khéo” năm 2020.",
            ),
        ),
        deadline_change=(
            dt.date(2020, 12, 28),
            dt.date(2021, 1, 31),
            "Đánh giá, xếp loại chất lượng năm 2020 thực hiện theo hướng dẫn của Thành ủy, "
            "hoàn thành trong tháng 01/2021.",
        ),
        proposed_on=dt.date(2021, 1, 22),
        accepted_on=dt.date(2021, 1, 25),
    ),
    Plan(
        lead="lb-ubkt",
        coordinating=("lb-mttq",),
        deliverable=(
            "Báo cáo kết quả kiểm tra, giám sát quý IV/2020; Ngày hội Đại đoàn kết toàn dân tộc và "
            "hội nghị đối thoại năm 2020"
        ),
        priority=Priority.NORMAL,
        # The office's sample decision: the festival (18/11) and the dialogue fall in November.
        deadline=dt.date(2020, 11, 30),
        reports=(
            Report(
                dt.date(2020, 10, 9),
                30,
                "Ban hành kế hoạch kiểm tra, giám sát quý IV/2020.",
            ),
            Report(
                dt.date(2020, 11, 19),
                70,
                "Ngày hội Đại đoàn kết toàn dân tộc đã tổ chức tại các khu dân cư.",
                unit="lb-mttq",
            ),
            Report(
                dt.date(2020, 12, 10),
                80,
                "Đã kiểm tra 6 tổ chức đảng; hội nghị đối thoại chưa tổ chức được.",
                difficulties="Hội nghị đối thoại phải lùi do yêu cầu phòng chống dịch COVID-19.",
                next_steps="Tổ chức hội nghị đối thoại cuối tháng 12/2020.",
            ),
            Report(
                dt.date(2020, 12, 30),
                100,
                "Đã tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân "
                "dân; hoàn thành kiểm tra, giám sát quý IV.",
            ),
        ),
        proposed_on=dt.date(2021, 1, 4),
        accepted_on=dt.date(2021, 1, 7),
    ),
    Plan(
        lead="lb-btg",
        coordinating=(),
        deliverable="Kế hoạch tuyên truyền các ngày lễ, kỷ niệm quý IV/2020 và Tết Nguyên đán 2021",
        priority=Priority.NORMAL,
        reports=(
            Report(
                dt.date(2020, 10, 5),
                35,
                "Ban hành hướng dẫn tuyên truyền kỷ niệm 66 năm Ngày Giải phóng Thủ đô "
                "(10/10/1954 - 10/10/2020).",
            ),
            Report(
                dt.date(2020, 12, 15),
                80,
                "Tuyên truyền kỷ niệm 76 năm Ngày thành lập Quân đội nhân dân Việt Nam; chuẩn bị "
                "tổng kết công tác năm.",
                next_steps="Kế hoạch tuyên truyền mừng Đảng, mừng Xuân Tân Sửu 2021.",
            ),
            Report(
                dt.date(2020, 12, 28),
                100,
                "Ban hành kế hoạch tuyên truyền mừng Đảng, mừng Xuân Tân Sửu 2021; tổng kết công "
                "tác tuyên giáo năm 2020.",
            ),
        ),
        proposed_on=dt.date(2020, 12, 29),
        accepted_on=dt.date(2020, 12, 31),
    ),
]


def _group_tasks(story: Story) -> list[Task]:
    """The conference's tasks when chapter 2 made them, else the four groups recorded here."""
    tasks = story.get("conclusion_tasks")
    if tasks:
        return list(tasks)[: len(PLANS)]
    office = story["accounts"].get("vanphong") or policy.DEMO
    return [
        services.task_create(
            committee=story["orgs"]["lb-qu"],
            content=text,
            by=office,
            source_kind=SourceKind.CONCLUSION,
            source_reference=SOURCE_REFERENCE % number,
            original_text=text,
            issued_on=CONFERENCE_DAY,
            lead_text="các cơ quan, đơn vị",
            deadline_text=DEADLINE_TEXT,
        )
        for number, text in enumerate(GROUP_TEXTS, start=1)
    ]


def _follow(task: Task, plan: Plan, story: Story) -> None:
    orgs = story["orgs"]
    accounts: dict[str, Any] = story["accounts"]
    office = accounts.get("vanphong") or policy.DEMO
    # The lead unit's demo account reports when there is one (Ban Tuyên giáo); otherwise the
    # reports are recorded as system work.
    reporter = (accounts.get("baocao") if plan.lead == "lb-btg" else None) or policy.DEMO
    deadline_change = plan.deadline_change
    for report in sorted(plan.reports, key=lambda r: r.day):
        if deadline_change is not None and deadline_change[0] <= report.day:
            services.deadline_change(
                task=task,
                by=office,
                new_deadline=deadline_change[1],
                reason=deadline_change[2],
                approved_by="Thường trực Quận ủy",
                on=deadline_change[0],
                deadline_text="tháng 01/2021",
            )
            deadline_change = None
        services.progress_report_create(
            task=task,
            by=reporter if not report.unit else policy.DEMO,
            unit=orgs[report.unit or plan.lead],
            reported_on=report.day,
            done=report.done,
            difficulties=report.difficulties,
            next_steps=report.next_steps,
            percent=report.percent,
        )
    if plan.proposed_on is not None:
        services.completion_propose(
            task=task,
            by=reporter,
            on=plan.proposed_on,
            note="Đề nghị Thường trực Quận ủy công nhận hoàn thành.",
        )
    if plan.accepted_on is not None:
        services.completion_accept(task=task, by=office, on=plan.accepted_on)


def load(story: Story) -> None:
    """Complete the four groups (the office's sample choices), publish them on 14/9/2020 and
    play their follow-up through the quarter."""
    orgs = story["orgs"]
    office = story["accounts"].get("vanphong") or policy.DEMO
    tasks = []
    for number, (task, plan) in enumerate(zip(_group_tasks(story), PLANS, strict=False), start=1):
        task = services.task_update(
            task=task,
            by=office,
            content=task.content,
            source_kind=task.source_kind,
            source_reference=task.source_reference or SOURCE_REFERENCE % number,
            original_text=task.original_text,
            issued_on=task.issued_on,
            lead_unit=orgs[plan.lead],
            lead_text=task.lead_text,
            coordinating_units=[orgs[code] for code in plan.coordinating],
            deadline=plan.deadline,
            deadline_text=task.deadline_text or DEADLINE_TEXT,
            deliverable=plan.deliverable,
            authority=orgs["lb-qu"],
            priority=plan.priority,
        )
        services.task_publish(task=task, by=office, at=PUBLISHED_AT)
        tasks.append(task)
    for task, plan in zip(tasks, PLANS, strict=False):
        task.refresh_from_db()
        _follow(task, plan, story)
    story["followed_tasks"] = tasks
