"""Chapter 2 of the Long Biên story: the conference of 11/9/2020 (morning).

From the article: chaired by Ngô Mạnh Điềm, Standing Deputy Secretary; attended by the heads and
deputies of the Party-building boards, the Office, the Political Centre, the Fatherland Front,
the socio-political organisations, the enterprise Party committee, and the trade union, veterans
and youth of the Party and mass-organisation agencies; it discussed the draft 9-month report and
ended with the chair's four numbered groups of focus tasks, told here in our own words. Sample
data, labelled so: the hour (8:00), the notice date (12/9/2020) and its signer.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dangvu.core import policy
from dangvu.demo.chapters import Story
from dangvu.meetings import services
from dangvu.meetings.enums import Attendance, ConferenceKind, OutcomeKind, SignerAuthority
from dangvu.org import services as org_services
from dangvu.org.models import Person

TITLE = (
    "Hội nghị thảo luận dự thảo báo cáo công tác xây dựng Đảng, hệ thống chính trị 9 tháng đầu "
    "năm; nhiệm vụ trọng tâm 3 tháng cuối năm 2020"
)
AGENDA_ITEM = (
    "Thảo luận dự thảo báo cáo công tác xây dựng Đảng, hệ thống chính trị 9 tháng đầu năm; "
    "nhiệm vụ trọng tâm 3 tháng cuối năm 2020"
)
STARTS_AT = dt.datetime(2020, 9, 11, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # sample hour
NOTICE_ON = dt.date(2020, 9, 12)  # sample: the day after
PLACE = "Hội trường Quận ủy Long Biên"  # sample: the giấy mời and the biên bản say where

# Invited by name (issue 17: attendance per person, with the reason of an absence). Sample
# people under the placeholder names Vietnamese documents use (Nguyễn Văn A, Trần Thị B…): (name,
# organisation code, title, attendance, reason).
PEOPLE = [
    ("Nguyễn Văn A", "lb-btc", "Trưởng Ban Tổ chức Quận ủy", Attendance.PRESENT, ""),
    ("Trần Thị B", "lb-btg", "Trưởng Ban Tuyên giáo Quận ủy", Attendance.PRESENT, ""),
    ("Lê Văn C", "lb-vp", "Chánh Văn phòng Quận ủy", Attendance.PRESENT, ""),
    (
        "Phạm Thị D",
        "lb-ubkt",
        "Phó Chủ nhiệm Ủy ban Kiểm tra Quận ủy",
        Attendance.EXCUSED,
        "Dự lớp bồi dưỡng tại Thành ủy (mẫu)",
    ),
]

# (organisation code, invited as) — the bodies the article lists.
ATTENDING = [
    ("lb-btc", "Trưởng, phó các ban xây dựng Đảng"),
    ("lb-btg", "Trưởng, phó các ban xây dựng Đảng"),
    ("lb-bdv", "Trưởng, phó các ban xây dựng Đảng"),
    ("lb-ubkt", "Trưởng, phó các ban xây dựng Đảng"),
    ("lb-vp", "Lãnh đạo Văn phòng Quận ủy"),
    ("lb-ttct", "Lãnh đạo Trung tâm Chính trị Quận"),
    ("lb-mttq", "Lãnh đạo Ủy ban Mặt trận Tổ quốc Quận"),
    ("lb-hlhpn", "Lãnh đạo các đoàn thể chính trị - xã hội"),
    ("lb-doan", "Lãnh đạo các đoàn thể chính trị - xã hội"),
    ("lb-hccb", "Lãnh đạo các đoàn thể chính trị - xã hội"),
    ("lb-ldld", "Lãnh đạo các đoàn thể chính trị - xã hội"),
    ("lb-dukdn", "Lãnh đạo Đảng ủy Khối Doanh nghiệp Quận"),
    ("lb-dd-cd", "Chủ tịch Công đoàn cơ quan Dân - Đảng"),
    ("lb-dd-ccb", "Chủ tịch Hội Cựu chiến binh cơ quan Dân - Đảng"),
    ("lb-dd-doan", "Bí thư Đoàn Thanh niên cơ quan Dân - Đảng"),
]

PREAMBLE = (
    "Đồng chí Phó Bí thư Thường trực Quận ủy cơ bản thống nhất với các ý kiến đóng góp tại hội "
    "nghị và yêu cầu các cơ quan, đơn vị tập trung thực hiện các nhiệm vụ trọng tâm 3 tháng cuối "
    "năm 2020 sau đây:"
)
# The four groups of focus tasks, in our own words, faithful to the article.
ITEMS = [
    "Ban hành quy chế làm việc của Ban Chấp hành Đảng bộ Quận, Ban Thường vụ và Ủy ban Kiểm tra "
    "Quận ủy khóa IV, nhiệm kỳ 2020-2025; chương trình hành động thực hiện Nghị quyết Đại hội "
    "Đảng bộ Quận; chương trình làm việc toàn khóa của Ban Chấp hành; chương trình kiểm tra, kế "
    "hoạch giám sát giai đoạn 2020-2025 của Ban Chấp hành và của UBKT Quận ủy; 03 chương trình "
    "công tác trọng tâm toàn khóa. Triển khai kế hoạch tuyên truyền, quán triệt Nghị quyết Đại "
    "hội đại biểu Đảng bộ Quận lần thứ IV và 03 chương trình công tác trọng tâm toàn khóa.",
    "Rà soát, thực hiện công tác xây dựng Đảng theo kế hoạch năm trên các lĩnh vực; tiếp tục "
    "chuẩn bị các điều kiện triển khai mô hình chính quyền đô thị theo chỉ đạo của Thành phố; "
    "triển khai hiệu quả “Năm Dân vận khéo”, huy động cả hệ thống chính trị và nhân dân thực "
    "hiện các nhiệm vụ chính trị của Quận; tổ chức đánh giá, phân loại tổ chức cơ sở đảng, đảng "
    "viên và tổng kết công tác xây dựng Đảng năm 2020.",
    "Tăng cường kiểm tra, giám sát; nâng cao hiệu quả giám sát, phản biện xã hội, góp ý xây dựng "
    "Đảng, xây dựng chính quyền của MTTQ và các đoàn thể; tiếp tục góp ý văn kiện đại hội Đảng "
    "các cấp; tuyên truyền, vận động nhân dân phòng, chống dịch bệnh và thực hiện chính sách "
    "GPMB; tổ chức ngày hội đại đoàn kết toàn dân tộc và hội nghị tiếp xúc, đối thoại trực tiếp "
    "giữa người đứng đầu cấp ủy, chính quyền với MTTQ, các đoàn thể và nhân dân năm 2020.",
    "Chỉ đạo các hoạt động chào mừng các ngày lễ, kỷ niệm của Thủ đô và đất nước trong 3 tháng "
    "cuối năm 2020; tổng kết công tác năm trên các lĩnh vực; chuẩn bị chu đáo các hoạt động đón "
    "năm mới và Tết Nguyên đán 2021, bảo đảm đầy đủ chế độ, chính sách và phù hợp với tình hình "
    "phòng, chống dịch bệnh trên địa bàn Quận.",
]
RECIPIENTS = [
    "Thường trực Quận ủy",
    "Các ban xây dựng Đảng, Văn phòng Quận ủy",
    "Trung tâm Chính trị Quận",
    "UBMTTQ và các đoàn thể CT-XH Quận",
    "Đảng ủy Khối Doanh nghiệp Quận",
    "Lưu VP.",
]


def load(story: Story) -> None:
    orgs = story["orgs"]
    office = story["accounts"].get("vanphong") or policy.DEMO
    chair = Person.objects.get(full_name="Ngô Mạnh Điềm")
    conference = services.conference_create(
        committee=orgs["lb-qu"],
        kind=ConferenceKind.THEMATIC,
        title=TITLE,
        starts_at=STARTS_AT,
        place=PLACE,
        chair=chair,
        chair_title="Phó Bí thư Thường trực Quận ủy",
        secretary="Văn phòng Quận ủy",
        by=office,
    )
    draft = story.get("draft_report")
    item = services.agenda_item_add(
        conference=conference,
        title=AGENDA_ITEM,
        report_period=draft.period if draft is not None else None,
        by=office,
    )
    invitations = [
        services.invitation_add(
            conference=conference, organisation=orgs[code], position_text=as_, by=office
        )
        for code, as_ in ATTENDING
    ]
    people = {}
    for name, code, title, _attendance, _reason in PEOPLE:
        someone = org_services.person_create(full_name=name, by=policy.DEMO)
        org_services.position_assign(
            person=someone,
            organisation=orgs[code],
            title=title,
            valid_from=dt.date(2020, 7, 1),
            valid_to=dt.date(2025, 6, 30),  # the district level ends then
            by=policy.DEMO,
        )
        people[name] = someone
    for name, _code, title, _attendance, _reason in PEOPLE:
        services.invitations_add(
            conference=conference, persons=[people[name]], position_text=title, by=office
        )
    # The giấy mời went out three days before, numbered in the register (sample date), to every
    # body and person invited, signed by the Chánh Văn phòng.
    services.paper_register(
        conference=conference, kind="giay-moi", issued_on=dt.date(2020, 9, 8), by=office
    )
    services.conference_mark_held(conference=conference, by=office)
    by_person = {
        i.person.full_name: i
        for i in conference.invitations.filter(person__isnull=False).select_related("person")
        if i.person is not None
    }
    attendance: dict[int, str] = {invitation.pk: Attendance.PRESENT for invitation in invitations}
    reasons = {invitation.pk: "" for invitation in invitations}
    for name, _code, _title, present, reason in PEOPLE:
        attendance[by_person[name].pk] = present
        reasons[by_person[name].pk] = reason
    services.attendance_record(
        conference=conference, attendance=attendance, reasons=reasons, by=office
    )
    services.minutes_record(
        item=item,
        discussion=(
            "Các đại biểu bổ sung kết quả của đơn vị vào dự thảo báo cáo và trình bày nhiệm vụ "
            "trọng tâm 3 tháng cuối năm 2020 của đơn vị."
        ),
        outcome_kind=OutcomeKind.DECISION,
        outcome=(
            "Cơ bản thống nhất với dự thảo; Văn phòng Quận ủy tiếp thu ý kiến, hoàn thiện báo "
            "cáo. Kết luận gồm 4 nhóm nhiệm vụ trọng tâm."
        ),
        by=office,
    )
    services.paper_register(
        conference=conference, kind="bien-ban", issued_on=dt.date(2020, 9, 11), by=office
    )
    conclusion = services.conclusion_write(
        conference=conference,
        preamble=PREAMBLE,
        items=[services.ItemText(text) for text in ITEMS],
        by=office,
    )
    services.notice_issue(
        conclusion=conclusion,
        signer_authority=SignerAuthority.ON_BEHALF,
        signer_title="Phó Bí thư Thường trực",
        signer_name=chair.full_name,
        recipients=RECIPIENTS,
        issued_on=NOTICE_ON,
        by=office,
    )
    services.conference_close(conference=conference, by=office)
    tasks = [
        services.item_to_task(item=entry, by=office)
        for entry in conclusion.items.filter(parent__isnull=True).order_by("number")
    ]
    story["conference"] = conference
    story["conclusion"] = conclusion
    story["conclusion_tasks"] = tasks
