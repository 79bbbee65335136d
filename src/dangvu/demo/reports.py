"""Chapter 1 of the Long Biên story: the report on Party-building and the political system for
the first 9 months of 2020, from the units' contributions to the issued report.

Facts from the district portal's article of 12/9/2020, told in our own words: the units whose
heads attended the conference of 11/9/2020, what the draft said the district had done (the
congresses of the 2020–2025 term, the assignment of the Standing Committee's members, the draft
working rules and programmes, epidemic prevention, the rearrangement of residential groups under
Đề án 15-ĐA/QU, "Năm Dân vận khéo", the supervision role of the Front) and that delegates added
their units' results and focus tasks. Every figure, date before 11/9/2020, comment wording and the
report's number are sample data (số liệu mẫu) and say so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from dangvu.core import policy
from dangvu.demo.chapters import Story
from dangvu.reports import services
from dangvu.reports.enums import CommentStatus, CutOff, PeriodKind
from dangvu.reports.models import Comment, DraftVersion, IssuedReport, Period

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = (
    "Báo cáo công tác xây dựng Đảng, hệ thống chính trị 9 tháng đầu năm; "
    "nhiệm vụ trọng tâm 3 tháng cuối năm 2020"
)
DUE_ON = dt.date(2020, 9, 4)  # sample
SAMPLE = " (số liệu mẫu)"

# Topic sections of the default outline, by position among the topics.
POLITICS, ORGANISATION, INSPECTION, MOBILISATION, INTERNAL, GOVERNMENT, FRONT, OFFICE = range(8)

# unit code → (topic, results, shortcomings, tasks, indicator figures, day submitted)
CONTRIBUTIONS: dict[str, tuple[int, str, str, str, dict[str, int], int]] = {
    "lb-btc": (
        ORGANISATION,
        "Tham mưu chỉ đạo đại hội đảng bộ cơ sở và Đại hội Đảng bộ Quận nhiệm kỳ 2020-2025 "
        "chặt chẽ, đúng tiến độ, có phương án phù hợp với diễn biến dịch bệnh. Sau Đại hội, tham "
        "mưu phân công nhiệm vụ các đồng chí Ủy viên Ban Thường vụ, trưởng các ban xây dựng Đảng "
        "và phân công cấp ủy viên theo dõi cơ sở đảng.",
        "Việc cập nhật hồ sơ đảng viên ở một số chi bộ còn chậm" + SAMPLE + ".",
        "Hướng dẫn đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm 2020.",
        {"Đảng viên mới kết nạp": 152, "Huy hiệu Đảng đã trao": 310},
        2,
    ),
    "lb-btg": (
        POLITICS,
        "Tuyên truyền sâu rộng về Đại hội Đảng các cấp và về phòng, chống dịch bệnh đến từng cơ "
        "sở, góp phần tạo đồng thuận trong nhân dân.",
        "Hình thức tuyên truyền trên mạng xã hội ở một số cơ sở chưa phong phú" + SAMPLE + ".",
        "Xây dựng kế hoạch tuyên truyền, quán triệt Nghị quyết Đại hội Đảng bộ Quận lần thứ IV "
        "và 03 chương trình công tác trọng tâm toàn khóa.",
        {"Buổi tuyên truyền, học tập nghị quyết": 48},
        3,
    ),
    "lb-bdv": (
        MOBILISATION,
        "Triển khai chủ đề “Năm Dân vận khéo”, huy động cả hệ thống chính trị và các tầng lớp "
        "nhân dân tham gia; chỉ đạo kiện toàn hệ thống chính trị ở tổ dân phố sau sắp xếp theo "
        "Đề án số 15-ĐA/QU.",
        "",
        "Tổ chức ngày hội đại đoàn kết toàn dân tộc và đối thoại giữa người đứng đầu cấp ủy, "
        "chính quyền với nhân dân năm 2020.",
        {},
        3,
    ),
    "lb-ubkt": (
        INSPECTION,
        "Tham mưu dự thảo Chương trình kiểm tra, giám sát của Ban Chấp hành Đảng bộ Quận và của "
        "Ủy ban Kiểm tra Quận ủy giai đoạn 2020-2025.",
        "Một số cuộc giám sát chuyên đề phải lùi thời gian do dịch bệnh" + SAMPLE + ".",
        "Ban hành Chương trình kiểm tra, kế hoạch giám sát giai đoạn 2020-2025.",
        {
            "Cuộc kiểm tra đã tiến hành": 26,
            "Cuộc giám sát đã tiến hành": 31,
            "Đảng viên bị kỷ luật": 4,
        },
        4,
    ),
    "lb-vp": (
        OFFICE,
        "Tham mưu dự thảo Quy chế làm việc, Chương trình làm việc toàn khóa của Ban Chấp hành "
        "Đảng bộ Quận; phục vụ chu đáo các hội nghị của Quận ủy.",
        "",
        "Hoàn thiện, trình ban hành Quy chế làm việc và Chương trình làm việc khóa IV.",
        {},
        4,
    ),
    "lb-ttct": (
        POLITICS,
        "Tổ chức các lớp bồi dưỡng lý luận chính trị bảo đảm yêu cầu phòng, chống dịch bệnh"
        + SAMPLE
        + ".",
        "",
        "Mở lớp bồi dưỡng nghiệp vụ cho cấp ủy viên cơ sở nhiệm kỳ 2020-2025.",
        {"Buổi tuyên truyền, học tập nghị quyết": 12},
        4,
    ),
    "lb-mttq": (
        FRONT,
        "Phát huy vai trò giám sát, phản biện xã hội; vận động nhân dân ủng hộ và tham gia phòng, "
        "chống dịch bệnh.",
        "",
        "Tham gia góp ý văn kiện đại hội Đảng các cấp; tổ chức ngày hội đại đoàn kết ở khu dân cư.",
        {},
        3,
    ),
    "lb-hlhpn": (
        FRONT,
        "Hội Liên hiệp Phụ nữ vận động hội viên tham gia giữ gìn vệ sinh môi trường và hỗ trợ "
        "phụ nữ khó khăn do dịch bệnh" + SAMPLE + ".",
        "",
        "Tổ chức các hoạt động chào mừng ngày Phụ nữ Việt Nam 20/10.",
        {},
        4,
    ),
    "lb-doan": (
        FRONT,
        "Đoàn Thanh niên tổ chức các đội hình tình nguyện hỗ trợ phòng, chống dịch bệnh"
        + SAMPLE
        + ".",
        "",
        "Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp.",
        {},
        4,
    ),
    "lb-hccb": (
        FRONT,
        "Hội Cựu chiến binh tham gia giữ gìn an ninh trật tự ở khu dân cư.",
        "",
        "Tổng kết công tác Hội năm 2020.",
        {},
        4,
    ),
    "lb-ldld": (
        FRONT,
        "Liên đoàn Lao động chăm lo đời sống người lao động bị ảnh hưởng bởi dịch bệnh"
        + SAMPLE
        + ".",
        "",
        "Chuẩn bị chăm lo Tết Nguyên đán năm 2021 cho người lao động.",
        {},
        4,
    ),
    "lb-dukdn": (
        ORGANISATION,
        "Đảng ủy Khối Doanh nghiệp lãnh đạo các tổ chức cơ sở đảng trong doanh nghiệp vừa phòng, "
        "chống dịch vừa duy trì sản xuất, kinh doanh.",
        "Việc phát triển đảng viên trong doanh nghiệp ngoài nhà nước còn khó khăn" + SAMPLE + ".",
        "Đẩy mạnh phát triển đảng viên trong doanh nghiệp.",
        {"Đảng viên mới kết nạp": 18},
        6,  # after the due date: shown as late
    ),
}
PREVIOUS_YEAR = {  # the same period of 2019, for the comparison (sample figures)
    "lb-btc": {"Đảng viên mới kết nạp": 141, "Huy hiệu Đảng đã trao": 287},
    "lb-ubkt": {
        "Cuộc kiểm tra đã tiến hành": 22,
        "Cuộc giám sát đã tiến hành": 28,
        "Đảng viên bị kỷ luật": 6,
    },
}
OVERVIEW = [
    "9 tháng đầu năm 2020, Đảng bộ Quận chủ động, quyết tâm triển khai các nhiệm vụ gắn với chủ "
    "đề công tác năm của Thành phố và của Quận; nhiều việc lớn, việc khó và nhiệm vụ đột xuất "
    "được thực hiện có hiệu quả.",
]


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2020, 9, day, hour, tzinfo=TZ)


def _contribute(
    period: Period, story: Story, code: str, topic_id: int, parts: Any, by: policy.Actor
) -> None:
    results, shortcomings, tasks, figures, day = parts
    contribution = period.contributions.get(unit=story["orgs"][code])
    indicators = {i.name: i.pk for i in period.indicators.all()}
    # The unit wrote and its head submitted (the story has no account for every unit).
    services.contribution_save(
        contribution=contribution,
        entries={topic_id: {"results": results, "shortcomings": shortcomings, "tasks": tasks}},
        values={indicators[name]: value for name, value in figures.items()},
        by=policy.DEMO,
    )
    contribution = services.contribution_submit(
        contribution=contribution, by=policy.DEMO, at=_at(day)
    )
    services.contribution_accept(contribution=contribution, by=by, at=_at(day, 15))


def _previous_year(story: Story, office: Any) -> None:
    orgs = story["orgs"]
    period = services.period_create(
        committee=orgs["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2019,
        cut_off=CutOff.CALENDAR, due_on=dt.date(2019, 9, 5), by=office,
        title="Báo cáo 9 tháng đầu năm 2019 (dữ liệu mẫu để so sánh cùng kỳ)",
    )  # fmt: skip
    services.contributions_request(period=period, units=[orgs[c] for c in PREVIOUS_YEAR], by=office)
    topic = period.sections.filter(role="topic").first()
    assert topic is not None  # noqa: S101 - the default outline has topics
    for code, figures in PREVIOUS_YEAR.items():
        parts = ("Số liệu cùng kỳ năm 2019" + SAMPLE + ".", "", "", figures, 4)
        _contribute(period, story, code, topic.pk, parts, office)
    Period.objects.filter(pk=period.pk).update(created_at=dt.datetime(2019, 8, 20, tzinfo=TZ))


def load(story: Story) -> None:
    orgs = story["orgs"]
    office = story["accounts"]["vanphong"]
    _previous_year(story, office)
    period = services.period_create(
        committee=orgs["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2020,
        cut_off=CutOff.CALENDAR, due_on=DUE_ON, title=TITLE, by=office,
    )  # fmt: skip
    services.contributions_request(
        period=period, units=[orgs[code] for code in CONTRIBUTIONS], by=office
    )
    topics = list(period.sections.filter(role="topic"))
    for code, (topic, *parts) in CONTRIBUTIONS.items():
        _contribute(period, story, code, topics[topic].pk, parts, office)

    v1 = services.draft_consolidate(period=period, by=office)
    first_topic = topics[POLITICS]
    # The office opens the section with an overview of its own.
    first = next(s for s in v1.body if s["section"] == first_topic.pk)
    texts = {first_topic.pk: "\n".join([*OVERVIEW, *(p["text"] for p in first["paragraphs"])])}
    v1 = DraftVersion.objects.get(pk=v1.pk)

    comments = [
        ("lb-bdv", "Trưởng Ban Dân vận Quận ủy", topics[MOBILISATION],
         "Đề nghị nêu rõ kết quả thực hiện “Năm Dân vận khéo” ở các phường."),
        ("lb-mttq", "Chủ tịch UBMTTQ Quận", topics[FRONT],
         "Bổ sung vai trò giám sát của HĐND, UBMTTQ và các đoàn thể chính trị - xã hội."),
        ("lb-ldld", "Chủ tịch Liên đoàn Lao động Quận", topics[FRONT],
         "Đề nghị đưa số liệu chăm lo người lao động vào phần đánh giá chung."),
    ]  # fmt: skip
    made = []
    for code, name, section, text in comments:
        made.append(
            services.comment_add(
                version=v1,
                text=text,
                section=section,
                author_name=f"{name} (mẫu)",
                author_unit=orgs[code],
                by=office,
            )
        )
    v1_body = {s["section"]: s for s in v1.body}
    mobilisation = [p["text"] for p in v1_body[topics[MOBILISATION].pk]["paragraphs"]]
    front = [p["text"] for p in v1_body[topics[FRONT].pk]["paragraphs"]]
    texts[topics[MOBILISATION].pk] = "\n".join(
        [*mobilisation, "Các phường xây dựng mô hình “Dân vận khéo” gắn với nhiệm vụ chính trị "
         "của địa phương" + SAMPLE + "."]
    )  # fmt: skip
    texts[topics[FRONT].pk] = "\n".join(
        [*front, "Vai trò giám sát của HĐND, UBMTTQ và các đoàn thể chính trị - xã hội trong "
         "thực hiện nhiệm vụ chính trị của địa phương tiếp tục được phát huy."]
    )  # fmt: skip
    v2 = services.draft_save(
        period=period, base_version=1, texts=texts, by=office,
        note="Tiếp thu ý kiến tại hội nghị ngày 11/9/2020",
    )  # fmt: skip
    services.comment_answer(
        comment=made[0], status=CommentStatus.ACCEPTED, by=office,
        answer="Tiếp thu, đã bổ sung vào mục Công tác dân vận.",
    )  # fmt: skip
    services.comment_answer(
        comment=made[1], status=CommentStatus.ACCEPTED, by=office,
        answer="Tiếp thu, đã bổ sung vào mục Mặt trận Tổ quốc và các đoàn thể.",
    )  # fmt: skip
    services.comment_answer(
        comment=made[2], status=CommentStatus.EXPLAINED, by=office,
        answer="Số liệu này đã có trong báo cáo của Liên đoàn Lao động ở mục VII; phần đánh giá "
        "chung chỉ nêu khái quát.",
    )  # fmt: skip
    issued = services.report_issue(
        period=period, version=v2, issued_on=dt.date(2020, 9, 12),
        signer_authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ THƯỜNG TRỰC",
        signer_name="Ngô Mạnh Điềm", by=office,
        recipients="Thường trực Thành ủy (để b/c)\nCác đồng chí Quận ủy viên\nCác ban xây dựng "
        "Đảng, Văn phòng Quận ủy\nMTTQ và các đoàn thể chính trị - xã hội Quận\nLưu VPQU",
    )  # fmt: skip
    # The story happened in 2020: date the records accordingly.
    Period.objects.filter(pk=period.pk).update(created_at=dt.datetime(2020, 8, 20, tzinfo=TZ))
    DraftVersion.objects.filter(pk=v1.pk).update(created_at=_at(7, 16))
    DraftVersion.objects.filter(pk=v2.pk).update(created_at=_at(12, 8))
    Comment.objects.filter(pk__in=[c.pk for c in made]).update(
        created_at=_at(11, 10), answered_at=_at(12, 8)
    )
    IssuedReport.objects.filter(pk=issued.pk).update(issued_at=_at(12, 9))
    story["report_period"] = period
    story["draft_report"] = DraftVersion.objects.get(pk=v2.pk)
    story["issued_report"] = IssuedReport.objects.get(pk=issued.pk)
