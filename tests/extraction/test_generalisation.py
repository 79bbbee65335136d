# ruff: noqa: E501  (prose fixtures keep their natural line breaks)
"""Rules that generalise (issue 12): directives written as plain paragraphs, the time-limit
sentence, the host's leader as chair, meeting dates without a year. The fixtures are the project's
own."""

from __future__ import annotations

from datetime import date

import pytest

from dangvu.extraction import extract
from tests.extraction import fixtures


def _starts(result_tasks: list, prefix: str):  # type: ignore[type-arg]
    found = [t for t in result_tasks if t.text.startswith(prefix)]
    assert found, f"no task starts with {prefix!r}: {[t.text[:40] for t in result_tasks]}"
    return found[0]


def test_plain_paragraph_directives_are_each_a_task() -> None:
    tasks = extract(fixtures.PLAIN_PARAGRAPHS).tasks
    openings = [t.text.split()[0] for t in tasks]

    assert openings == ["Theo", "Triển", "Tiếp", "Đẩy", "Giải", "Sở"]
    # Sentences after the directive name no agency: tasks without a lead (nothing inherited
    # across a full stop).
    assert [t.lead for t in tasks[1:5]] == [None, None, None, None]
    assert tasks[0].lead == "các sở, ngành, địa phương"
    assert tasks[5].lead == "Sở Kế hoạch và Đầu tư"
    assert tasks[5].coordinating == ["Sở Tài chính"]
    assert tasks[5].deadline_iso == date(2024, 3, 15)


def test_time_limit_sentence_belongs_to_the_task_before() -> None:
    tasks = extract(fixtures.PLAIN_PARAGRAPHS).tasks
    task = _starts(tasks, "Đẩy nhanh công tác bồi thường")

    assert task.text.endswith("Thời gian hoàn thành trước ngày 30/6/2024.")
    assert task.deadline == "trước ngày 30/6/2024"
    assert task.deadline_iso == date(2024, 6, 30)
    assert not any(t.text.startswith("Thời gian") for t in tasks)


def test_delivery_sentence_belongs_to_the_task_before() -> None:
    text = (
        "Ngày 4/6/2024, UBND huyện có ý kiến như sau. Giao Phòng Nội vụ rà soát biên chế, báo cáo "
        "trước ngày 20/6/2024. Gửi kèm bản mềm về hộp thư của Văn phòng."
    )
    tasks = extract(text).tasks

    assert len(tasks) == 1
    assert tasks[0].text.endswith("Gửi kèm bản mềm về hộp thư của Văn phòng.")
    assert tasks[0].lead == "Phòng Nội vụ"


def test_paragraphs_starting_with_the_action_continue_the_directive() -> None:
    tasks = extract(fixtures.HOST_LEADER_NO_YEAR).tasks

    assert len(tasks) == 4
    assert tasks[0].lead == "các cấp ủy trực thuộc"
    assert tasks[1].text.startswith("Tăng cường công tác kiểm tra")
    assert tasks[2].text.startswith("Một là, thực hiện tốt")
    assert tasks[2].lead is None
    # An agency subject inside the passage is a task with its own lead.
    assert tasks[3].lead == "Các xã, thị trấn"
    # "trước ngày 30/9" with no year anywhere in the text: no calendar day is invented.
    assert tasks[3].deadline == "trước ngày 30/9"
    assert tasks[3].deadline_iso is None


def test_narrative_before_the_directives_is_not_a_task() -> None:
    tasks = extract(fixtures.HOST_LEADER_NO_YEAR).tasks
    assert not any("chỉ tiêu đều đạt" in t.text for t in tasks)


def test_host_leader_giving_directives_is_the_chair_without_chu_tri() -> None:
    meeting = extract(fixtures.HOST_LEADER_NO_YEAR).meeting

    assert meeting.chair == "Đỗ Thị Mai"
    assert meeting.chair_title == "Phó Bí thư Thường trực Huyện ủy"
    assert meeting.org == "Huyện ủy Tân Phước"


def test_title_first_leader_of_the_host_is_the_chair() -> None:
    meeting = extract(fixtures.PLAIN_PARAGRAPHS).meeting

    assert meeting.chair == "Lê Văn Hòa"
    assert meeting.chair_title == "Chủ tịch UBND tỉnh"
    assert meeting.date == date(2024, 2, 20)  # "Chiều ngày 20/2", year from the title


def test_visiting_superior_who_only_speaks_is_not_the_chair() -> None:
    result = extract(fixtures.VISITOR_ONLY)

    assert result.meeting.chair is None
    assert result.meeting.date == date(2023, 3, 10)
    assert [t.lead for t in result.tasks] == ["Đảng ủy xã"]


def test_chair_known_only_by_title_is_null() -> None:
    meeting = extract(fixtures.TITLE_ONLY_CHAIR).meeting
    assert meeting.chair is None
    assert meeting.date == date(2025, 4, 3)


def test_dash_date_without_year_gives_no_date() -> None:
    assert extract(fixtures.HOST_LEADER_NO_YEAR).meeting.date is None


def test_dash_date_takes_the_year_of_the_title() -> None:
    text = "Hội nghị sơ kết năm 2023\n\nSáng 15-8, Huyện ủy Tân Phước tổ chức hội nghị sơ kết."
    assert extract(text).meeting.date == date(2023, 8, 15)


def test_year_from_the_title_lead() -> None:
    assert extract(fixtures.YEAR_FROM_TITLE).meeting.date == date(2025, 2, 20)


def test_a_term_is_not_the_year_of_the_meeting() -> None:
    meeting = extract(fixtures.TERM_YEAR_ONLY).meeting
    assert meeting.date is None
    assert meeting.chair == "Hà Văn Lâm"


def test_year_from_the_document_the_text_is_about() -> None:
    text = (
        "Thực hiện Công văn số 15/UBND-VX ngày 2/1/2025 của UBND tỉnh, chiều ngày 9/1, UBND huyện "
        "tổ chức cuộc họp triển khai."
    )
    assert extract(text).meeting.date == date(2025, 1, 9)


def test_a_written_directive_has_no_meeting_date() -> None:
    text = (
        "Ngày 24/5/2024, UBND tỉnh ban hành Công văn số 88/UBND-TH về kết quả kỳ họp thứ 6 HĐND "
        "tỉnh. Theo đó, UBND tỉnh yêu cầu các sở, ngành báo cáo kết quả trước ngày 10/6/2024."
    )
    result = extract(text)
    assert result.meeting.date is None
    assert result.tasks[-1].deadline_iso == date(2024, 6, 10)


def test_a_document_months_away_does_not_date_the_meeting() -> None:
    text = (
        "Ngày 14/4, đồng chí Lò Văn Sinh, Chủ tịch HĐND tỉnh chủ trì phiên họp thứ 20 của Thường "
        "trực HĐND tỉnh.\n\nPhiên họp nghe báo cáo việc thực hiện Nghị quyết số 25/2021/NQ-HĐND "
        "ngày 30/12/2021 của HĐND tỉnh."
    )
    assert extract(text).meeting.date is None


def test_a_named_year_in_the_body_dates_the_meeting() -> None:
    text = (
        "Chiều19/5, Thường trực HĐND huyện họp bàn chuẩn bị kỳ họp thứ 13.\n\nKỳ họp sẽ xem xét "
        "kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2020."
    )
    assert extract(text).meeting.date == date(2020, 5, 19)


def test_hand_wrapped_lines_are_one_paragraph() -> None:
    text = (
        "Ngày 2/3/2015, UBND tỉnh ban hành Chỉ thị về phòng, chống thiên tai. Chủ tịch UBND "
        "tỉnh chỉ thị:\nBan Chỉ huy Phòng, chống\nthiên tai các cấp, Thủ trưởng các sở, ngành "
        "tỉnh tập trung thực hiện một số công việc sau:\n- Khẩn trương hoàn thành tổng kết\n"
        "công tác phòng chống thiên tai năm\n2014 trước ngày 20/4/2015.\n"
        "- Rà soát phương án ứng phó với bão."
    )
    tasks = extract(text).tasks

    assert len(tasks) == 2
    assert tasks[0].text.endswith("trước ngày 20/4/2015.")
    assert tasks[0].deadline_iso == date(2015, 4, 20)
    assert tasks[0].lead is not None
    assert tasks[0].lead.startswith("Ban Chỉ huy Phòng, chống\nthiên tai các cấp")
    assert tasks[1].lead == tasks[0].lead


def test_frame_with_a_full_stop_is_not_a_task_and_lends_its_addressee() -> None:
    tasks = extract(fixtures.FRAME_WITH_FULL_STOP).tasks

    assert [t.text.split()[0] for t in tasks] == ["Đẩy", "Tăng", "Rà"]
    assert {t.lead for t in tasks} == {"các phòng, ban, các xã"}
    assert tasks[2].deadline_iso == date(2024, 11, 30)


def test_chi_dang_bo_is_an_addressee() -> None:
    text = (
        "Ngày 5/5/2024, Huyện ủy họp. Đồng chí Bí thư yêu cầu các chi, đảng bộ trực thuộc "
        "rà soát đảng viên."
    )
    assert [t.lead for t in extract(text).tasks] == ["các chi, đảng bộ trực thuộc"]


def test_org_from_the_body_that_issues_a_written_directive() -> None:
    text = (
        "Sở Y tế tỉnh Bắc Sơn đề nghị Sở Giáo dục và Đào tạo khẩn trương lập danh sách học sinh "
        "trước ngày 15/11/2024."
    )
    result = extract(text)
    assert result.meeting.org == "Sở Y tế tỉnh Bắc Sơn"
    assert result.meeting.chair is None


def test_org_from_a_meeting_of_a_body() -> None:
    text = (
        "Chiều 3/1/2020, tại cuộc họp trực tuyến của UBND tỉnh Hòa Sơn với các huyện, Chủ tịch "
        "UBND tỉnh Đặng Văn Phú yêu cầu các ngành, địa phương triển khai kế hoạch quý I/2020."
    )
    result = extract(text)
    assert result.meeting.org == "UBND tỉnh Hòa Sơn"
    assert result.meeting.chair == "Đặng Văn Phú"


def test_org_stops_before_a_persons_name_and_a_directive_has_no_chair() -> None:
    text = (
        "Phó Chủ tịch UBND TP Nguyễn Văn Khải yêu cầu Sở Giao thông vận tải tiếp nhận, quản lý "
        "tuyến đường mới."
    )
    result = extract(text)
    assert result.meeting.org == "UBND TP"
    assert result.meeting.chair is None


def test_org_from_the_chairs_title_when_the_text_names_no_body() -> None:
    text = (
        "Chiều 1/11/2019, ông Võ Văn Hiền - Chủ tịch UBND huyện chủ trì cuộc họp thường kỳ tháng "
        "10. Ông Võ Văn Hiền yêu cầu các ngành tập trung quyết toán các công trình."
    )
    meeting = extract(text).meeting
    assert meeting.chair == "Võ Văn Hiền"
    assert meeting.org == "UBND huyện"


def test_paragraphs_after_a_colon_each_with_its_own_subject() -> None:
    text = (
        "Chiều ngày 12/4, UBND tỉnh họp nghe báo cáo tiến độ dự án đường ven biển. Phó Chủ tịch "
        "UBND tỉnh Hồ Văn Tài yêu cầu:\n\nSở Giao thông vận tải khẩn trương hoàn thiện hồ sơ điều "
        "chỉnh dự án, trình UBND tỉnh trong tháng 5/2024.\n\nUBND các huyện ven biển đẩy nhanh công "
        "tác giải phóng mặt bằng.\n\nSở Tài chính bố trí đủ vốn cho dự án.\n\nDự án có tổng mức đầu "
        "tư 1.200 tỷ đồng, dự kiến hoàn thành năm 2025."
    )
    result = extract(text)

    assert [t.lead for t in result.tasks] == [
        "Sở Giao thông vận tải",
        "UBND các huyện ven biển",
        "Sở Tài chính",
    ]
    # The month named near the meeting gives its year, not a later target year.
    assert result.meeting.date == date(2024, 4, 12)
    assert result.meeting.chair == "Hồ Văn Tài"


def test_subject_after_a_time_phrase_and_luu_y() -> None:
    text = (
        "Ngày 5/10/2023, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết quý III.\n\nKết luận hội "
        "nghị, đồng chí Lê Quang Vinh, Bí thư Huyện ủy nhấn mạnh, những tháng cuối năm, các cấp ủy, "
        "chính quyền cần tập trung lãnh đạo hoàn thành các chỉ tiêu. Về lâu dài, cần nghiên cứu "
        "sắp xếp lại các thôn, khu phố.\n\nĐồng chí cũng lưu ý các đơn vị làm tốt công tác chuẩn bị "
        "Tết Nguyên đán."
    )
    result = extract(text)

    assert [t.lead for t in result.tasks] == ["các cấp ủy, chính quyền", None, "các đơn vị"]
    assert result.meeting.chair == "Lê Quang Vinh"


def test_known_meeting_day_gives_the_year_and_a_january_deadline_rolls_over() -> None:
    text = "Kết luận:\n1. Ban Tổ chức Huyện ủy chủ trì, phối hợp UBKT Huyện ủy rà soát hồ sơ trước ngày 15/01."
    task = extract(text, day=date(2020, 12, 20)).tasks[0]

    assert task.lead == "Ban Tổ chức Huyện ủy"
    assert task.coordinating == ["UBKT Huyện ủy"]
    assert task.deadline_iso == date(2021, 1, 15)
    assert extract(text).tasks[0].deadline_iso is None  # no year anywhere: none invented


def test_prose_enumeration_inside_a_conclusion_sentence() -> None:
    text = (
        "Sáng 7/3/2024, Thường trực Huyện ủy Hòa Vang họp nghe báo cáo các dự án trọng điểm. Đồng chí "
        "Nguyễn Văn Tám, Bí thư Huyện ủy kết luận: Một là, UBND huyện chỉ đạo các phòng, ban hoàn thành "
        "giải phóng mặt bằng trong quý II/2024. Hai là, Ban Quản lý dự án huyện khẩn trương lập hồ sơ "
        "thanh toán. Ba là, các xã vận động người dân bàn giao mặt bằng."
    )
    tasks = extract(text).tasks

    # A unit other than the host that directs its own units is the one given the task.
    assert [t.lead for t in tasks] == ["UBND huyện", "Ban Quản lý dự án huyện", "các xã"]
    assert tasks[0].deadline_iso == date(2024, 6, 30)


def test_the_host_directing_gives_the_task_to_whom_it_directs() -> None:
    text = (
        "Ngày 3/9/2024, UBND tỉnh Hòa Sơn ban hành văn bản về phòng, chống dịch. UBND tỉnh chỉ đạo Sở "
        "Y tế theo dõi chặt chẽ tình hình dịch bệnh. Trong thời gian học sinh nghỉ học, Sở Giáo dục và "
        "Đào tạo chỉ đạo các trường phối hợp với ngành y tế khử trùng trường học. UBND tỉnh giao Sở "
        "Tài chính chủ trì, phối hợp với Sở Y tế bố trí kinh phí."
    )
    tasks = extract(text).tasks

    assert [t.lead for t in tasks] == ["Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính"]
    assert tasks[2].coordinating == ["Sở Y tế"]


def test_chair_under_whose_chairing_and_a_leader_who_speaks_then_asks() -> None:
    text = (
        "Sáng 15/3/2024, dưới sự chủ trì của đồng chí Trần Văn Hùng, Bí thư Huyện ủy, Ban Thường vụ "
        "Huyện ủy họp phiên thường kỳ."
    )
    assert extract(text).meeting.chair == "Trần Văn Hùng"
    text = (
        "Ngày 15/3/2024, Huyện ủy Tân Phước tổ chức hội nghị. Tại hội nghị, đồng chí Lê Văn Mười, Phó "
        "Bí thư Thường trực Huyện ủy đã quán triệt và yêu cầu các chi bộ triển khai nghị quyết."
    )
    meeting = extract(text).meeting
    assert meeting.chair == "Lê Văn Mười"
    assert meeting.chair_title == "Phó Bí thư Thường trực Huyện ủy"


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("Sáng 15-8, Huyện ủy tổ chức hội nghị sơ kết.", date(2024, 8, 15)),
        ("Chiều ngày 20/2, Huyện ủy tổ chức hội nghị sơ kết.", date(2024, 2, 20)),
        ("Sáng thứ Hai (15/8), Huyện ủy tổ chức hội nghị sơ kết.", date(2024, 8, 15)),
        ("Sáng nay (15/8), Huyện ủy tổ chức hội nghị sơ kết.", date(2024, 8, 15)),
        ("Trong 2 ngày 14 và 15/8, Huyện ủy tổ chức hội nghị sơ kết.", date(2024, 8, 14)),
        ("Sáng 15-8-2023, Huyện ủy tổ chức hội nghị sơ kết.", date(2023, 8, 15)),
    ],
)
def test_meeting_date_forms(opening: str, day: date) -> None:
    assert extract(f"Hội nghị sơ kết 6 tháng đầu năm 2024\n\n{opening}").meeting.date == day


def test_leader_named_once_then_referred_to_by_title() -> None:
    text = (
        "Ngày 3/4/2023, UBND huyện Phú Giáo tổ chức họp giao ban công tác quý I.\n\nSau khi nghe "
        "báo cáo, Chủ tịch UBND huyện Nguyễn Văn Lợi đánh giá cao sự nỗ lực của các ngành.\n\n"
        "Về nhiệm vụ quý II, Chủ tịch UBND huyện đề nghị:\n\n- Phòng Tài chính - Kế hoạch tham "
        "mưu điều chỉnh dự toán ngân sách;\n\n- Các xã, thị trấn đẩy mạnh thu ngân sách."
    )
    result = extract(text)
    assert result.meeting.chair == "Nguyễn Văn Lợi"
    assert [t.lead for t in result.tasks] == ["Phòng Tài chính - Kế hoạch", "Các xã, thị trấn"]
    # A title-only chair with nobody of that title named stays unknown.
    assert extract(fixtures.TITLE_ONLY_CHAIR).meeting.chair is None
