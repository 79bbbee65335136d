# ruff: noqa: E501  (prose fixtures keep their natural line breaks)
"""Session 6 of issue 12: chairs named in ways the first rules did not read, and a joint office's
name kept whole among the coordinating units. The fixtures are the project's own wording (no
corpus text); each rule is a pattern of the language, not of one file."""

from __future__ import annotations

from datetime import date

import pytest

from dangvu.extraction import extract

# "điều hành" a meeting is chairing it, like "chủ trì".
CONDUCTS = (
    "Sáng 14/9/2023, UBND huyện Bảo Yên họp thường kỳ tháng 9. Đồng chí Lò Văn Hùng, Chủ tịch "
    "UBND huyện điều hành cuộc họp. Đồng chí yêu cầu Phòng Tài chính – Kế hoạch rà soát các "
    "nguồn vốn chưa giải ngân."
)
CONDUCTS_TITLE_FIRST = (
    "Chiều 2/11/2022, Thường trực HĐND huyện Na Rì họp phiên thường kỳ. Chủ tịch HĐND huyện "
    "Triệu Thị Ngân điều hành phiên họp. Các Ban HĐND huyện hoàn thiện báo cáo thẩm tra."
)
# A leader of the host who "chỉ rõ" / "nhắc nhở" / "giao nhiệm vụ": the chair in all but name.
POINTS_OUT = (
    "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị sơ kết quý I. Bí thư Huyện ủy Lương Văn "
    "Khải chỉ rõ, thời gian tới các cấp ủy cần tập trung lãnh đạo công tác phòng cháy rừng."
)
REMINDS = (
    "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị sơ kết quý I. Đồng chí Lương Văn Khải, "
    "Bí thư Huyện ủy nhắc nhở các chi, đảng bộ tổ chức sinh hoạt chi bộ đúng quy định."
)
GIVES_TASKS = (
    "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị sơ kết quý I. Đồng chí Lương Văn Khải, "
    "Bí thư Huyện ủy giao nhiệm vụ cho Ban Tuyên giáo Huyện ủy xây dựng kế hoạch tuyên truyền."
)
# Named once, then "Đồng chí đề nghị …" in the next sentence.
PRONOUN = (
    "Sáng 8/5/2023, Đảng ủy xã Xuân Lộc tổ chức hội nghị giao ban. Đồng chí Vi Thị Hoa, Bí thư "
    "Đảng ủy xã phát biểu tại hội nghị. Đồng chí đề nghị các chi bộ tập trung chỉ đạo thu hoạch "
    "vụ chiêm xuân."
)
# "Theo <title> <name>, … cần …": the host's leader's directive reported in his words.
REPORTED = (
    "Chiều 12/6/2023, Thị ủy Sơn Tây tổ chức hội nghị. Theo Bí thư Thị ủy Đoàn Văn Tiến, các "
    "cấp ủy cần tập trung lãnh đạo hoàn thành các chỉ tiêu năm 2023."
)
# A guest from above who speaks is still not the chair, named once then "Đồng chí đề nghị".
GUEST_PRONOUN = (
    "Sáng 8/5/2023, Đảng ủy xã Xuân Lộc tổ chức hội nghị giao ban. Đồng chí Vi Thị Hoa, Phó Bí "
    "thư Huyện ủy phát biểu chỉ đạo hội nghị. Đồng chí đề nghị các chi bộ tập trung chỉ đạo thu "
    "hoạch vụ chiêm xuân."
)
# "Theo" a guest: not the chair either.
REPORTED_GUEST = (
    "Chiều 12/6/2023, Đảng ủy phường Quang Trung tổ chức hội nghị. Theo Bí thư Thị ủy Đoàn Văn "
    "Tiến, các cấp ủy cần tập trung lãnh đạo hoàn thành các chỉ tiêu năm 2023."
)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (CONDUCTS, "Lò Văn Hùng", "Chủ tịch UBND huyện"),
        (CONDUCTS_TITLE_FIRST, "Triệu Thị Ngân", "Chủ tịch HĐND huyện"),
        (POINTS_OUT, "Lương Văn Khải", "Bí thư Huyện ủy"),
        (REMINDS, "Lương Văn Khải", "Bí thư Huyện ủy"),
        (GIVES_TASKS, "Lương Văn Khải", "Bí thư Huyện ủy"),
        (PRONOUN, "Vi Thị Hoa", "Bí thư Đảng ủy xã"),
        (REPORTED, "Đoàn Văn Tiến", "Bí thư Thị ủy"),
    ],
)
def test_the_hosts_leader_is_the_chair(text: str, name: str, title: str) -> None:
    meeting = extract(text).meeting

    assert (meeting.chair, meeting.chair_title) == (name, title)


@pytest.mark.parametrize("text", [GUEST_PRONOUN, REPORTED_GUEST])
def test_a_guest_from_above_is_still_not_the_chair(text: str) -> None:
    assert extract(text).meeting.chair is None


@pytest.mark.parametrize(
    "text",
    [
        GIVES_TASKS,
        # the meeting itself gives the task
        "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị sơ kết quý I. Hội nghị giao nhiệm vụ "
        "cho Ban Tuyên giáo Huyện ủy xây dựng kế hoạch tuyên truyền.",
        # "giao" right after the speaker's name and title
        "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị sơ kết quý I. Đồng chí Lương Văn "
        "Khải, Bí thư Huyện ủy giao Ban Tuyên giáo Huyện ủy xây dựng kế hoạch tuyên truyền.",
    ],
)
def test_a_task_given_by_the_speaker_or_the_meeting(text: str) -> None:
    tasks = extract(text).tasks

    assert len(tasks) == 1
    assert tasks[0].lead == "Ban Tuyên giáo Huyện ủy"
    assert tasks[0].deliverable is not None
    assert tasks[0].deliverable.startswith("kế hoạch")


def test_giao_ban_after_a_speaker_is_still_a_meeting_not_an_assignment() -> None:
    text = (
        "Sáng 21/3/2024, Huyện ủy Quan Sơn tổ chức hội nghị. Đồng chí Lương Văn Khải, Bí thư "
        "Huyện ủy giao ban với các xã về công tác phòng cháy rừng."
    )

    assert extract(text).tasks == []


def test_a_joint_office_is_one_coordinating_unit() -> None:
    text = (
        "Ngày 5/6/2023, UBND huyện Mai Sơn họp. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư "
        "pháp, Văn phòng HĐND và UBND huyện rà soát các thủ tục hành chính, xong trong quý III/2023."
    )
    task = extract(text).tasks[0]

    assert task.lead == "Phòng Nội vụ"
    assert task.coordinating == ["Phòng Tư pháp", "Văn phòng HĐND và UBND huyện"]


def test_two_bodies_joined_by_va_are_still_two_coordinating_units() -> None:
    text = (
        "Ngày 5/6/2023, UBND huyện Mai Sơn họp. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư "
        "pháp và UBND các xã rà soát các thủ tục hành chính."
    )

    assert extract(text).tasks[0].coordinating == ["Phòng Tư pháp", "UBND các xã"]


OBLIGATIONS = (
    "Ngày 10/3/2023, UBND huyện Yên Thế tổ chức hội nghị. Chủ tịch UBND huyện Nguyễn Văn Bình "
    "yêu cầu các đơn vị, địa phương thực hiện tốt các nhiệm vụ trọng tâm. Tăng cường công tác "
    "kiểm tra. Công tác cải cách hành chính cần được đẩy mạnh. Việc thu ngân sách phải bám sát "
    "dự toán. Những tồn tại, hạn chế cần được khắc phục ngay."
)


def test_a_topic_with_an_obligation_inside_a_directive_passage_is_a_task() -> None:
    tasks = extract(OBLIGATIONS).tasks

    assert [t.text.split()[0] for t in tasks] == ["Chủ", "Tăng", "Công", "Việc", "Những"]
    assert [t.lead for t in tasks[1:]] == [None, None, None, None]


def test_a_topic_with_an_obligation_outside_directives_or_reported_is_no_task() -> None:
    text = (
        "Ngày 10/3/2023, UBND huyện Yên Thế tổ chức hội nghị sơ kết. Công tác cải cách hành chính "
        "cần được quan tâm hơn nữa, theo báo cáo của Văn phòng. Chủ tịch UBND huyện Nguyễn Văn Bình "
        "yêu cầu các đơn vị thực hiện tốt các nhiệm vụ trọng tâm. Việc thu ngân sách đã được bám "
        "sát dự toán."
    )
    tasks = extract(text).tasks

    assert [t.text.split()[0] for t in tasks] == ["Chủ"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Đến năm 2025, huyện phấn đấu có 100% số xã đạt chuẩn nông thôn mới.",
        "Mục tiêu đến hết năm 2026 hoàn thành chuyển đổi số ở cấp xã.",
        "Huyện phấn đấu trước năm 2030 trở thành thị xã.",
    ],
)
def test_a_target_year_does_not_date_the_meeting(sentence: str) -> None:
    text = f"Sáng 15/8, Huyện ủy Tân Lạc tổ chức hội nghị sơ kết. {sentence}"

    assert extract(text).meeting.date is None


def test_a_year_named_plainly_still_dates_the_meeting() -> None:
    text = (
        "Sáng 15/8, Huyện ủy Tân Lạc tổ chức hội nghị sơ kết. Đến năm 2030, huyện trở thành thị "
        "xã. Hội nghị đánh giá kết quả 6 tháng đầu năm 2023."
    )

    assert extract(text).meeting.date == date(2023, 8, 15)


@pytest.mark.parametrize(
    ("intro", "expression", "due"),
    [
        ("Nhiệm vụ trọng tâm tháng 9/2022:", "tháng 9/2022", date(2022, 9, 30)),
        ("Các nhiệm vụ chủ yếu quý IV/2022 như sau:", "quý IV/2022", date(2022, 12, 31)),
        (
            "Chương trình công tác tháng 1/2023 của Thường trực như sau:",
            "tháng 1/2023",
            date(2023, 1, 31),
        ),
    ],
)
def test_an_intro_naming_the_period_of_its_tasks_gives_their_deadline(
    intro: str, expression: str, due: date
) -> None:
    text = (
        f"Ngày 5/9/2022, Thường trực HĐND huyện Vĩnh Thạnh họp. {intro}\n"
        "- Ban Pháp chế HĐND huyện giám sát việc giải quyết đơn thư.\n"
        "- Ban Kinh tế - Xã hội HĐND huyện khảo sát các công trình giao thông, xong trước ngày "
        "20/12/2022.\n"
        "- Tiếp tục tiếp công dân định kỳ."
    )
    tasks = extract(text).tasks

    assert len(tasks) == 3
    assert [(t.deadline, t.deadline_iso) for t in tasks] == [
        (expression, due),
        ("trước ngày 20/12/2022", date(2022, 12, 20)),
        (expression, due),
    ]


def test_a_period_named_outside_an_intro_is_no_deadline() -> None:
    text = (
        "Ngày 5/9/2022, UBND huyện Vĩnh Thạnh họp. Giao Phòng Nội vụ báo cáo kết quả thực hiện "
        "nhiệm vụ tháng 8/2022."
    )

    assert extract(text).tasks[0].deadline is None


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        (
            "Giao các phòng, ban liên quan có trách nhiệm hướng dẫn các xã lập hồ sơ.",
            "các phòng, ban liên quan",
        ),
        ("Yêu cầu Phòng Nội vụ có trách nhiệm tổng hợp danh sách.", "Phòng Nội vụ"),
        ("Các xã có trách nhiệm báo cáo kết quả trước ngày 10/7/2023.", "Các xã"),
    ],
)
def test_a_duty_with_what_to_do_is_the_predicate_not_part_of_the_lead(
    sentence: str, lead: str
) -> None:
    text = f"Ngày 5/6/2023, UBND huyện Mai Sơn họp. {sentence}"

    assert extract(text).tasks[0].lead == lead


def test_the_responsible_agencies_as_a_noun_keep_their_modifier() -> None:
    text = (
        "Ngày 5/6/2023, UBND huyện Mai Sơn họp. Yêu cầu Phòng Tài nguyên và Môi trường phối hợp "
        "với các cơ quan có trách nhiệm và UBND các xã xử lý dứt điểm việc lấn chiếm đất công."
    )
    task = extract(text).tasks[0]

    assert task.lead == "Phòng Tài nguyên và Môi trường"
    assert task.coordinating[0] == "các cơ quan có trách nhiệm"


def test_organisations_of_the_party_are_a_noun_not_organising() -> None:
    text = (
        "Ngày 20/4/2021, Huyện ủy Na Hang tổ chức hội nghị. Đồng chí Bí thư Huyện ủy yêu cầu: "
        "các cấp ủy, tổ chức đảng tiếp tục lãnh đạo thực hiện nghị quyết đại hội; các tổ chức "
        "chính trị - xã hội tăng cường vận động đoàn viên, hội viên."
    )
    tasks = extract(text).tasks

    assert [t.lead for t in tasks] == ["các cấp ủy, tổ chức đảng", "các tổ chức chính trị - xã hội"]


def test_organising_something_is_still_a_verb() -> None:
    text = (
        "Ngày 20/4/2021, UBND huyện Na Hang họp. Giao Hội Nông dân huyện tổ chức hội nghị tập huấn "
        "kỹ thuật chăn nuôi cho hội viên."
    )

    assert extract(text).tasks[0].lead == "Hội Nông dân huyện"


@pytest.mark.parametrize(
    ("opening", "lead"),
    [
        ("Đối với Sở Kế hoạch và Đầu tư, cần", "Sở Kế hoạch và Đầu tư"),
        ("Riêng UBND các huyện biên giới, cần", "UBND các huyện biên giới"),
    ],
)
def test_the_unit_of_a_topic_is_who_must(opening: str, lead: str) -> None:
    text = (
        "Sáng 12/7/2023, UBND tỉnh Hà Giang họp phiên thường kỳ. Các sở, ngành cần bám sát kịch "
        f"bản tăng trưởng. {opening} tham mưu phân bổ nguồn vốn còn lại trước ngày 31/7/2023."
    )
    task = extract(text).tasks[1]

    assert task.lead == lead
    assert task.deadline_iso == date(2023, 7, 31)


def test_a_topic_that_is_no_unit_lends_no_lead() -> None:
    text = (
        "Sáng 12/7/2023, UBND tỉnh Hà Giang họp phiên thường kỳ. Các sở, ngành cần bám sát kịch "
        "bản tăng trưởng. Đối với vốn đầu tư công, cần phân bổ dứt điểm trước ngày 31/7/2023."
    )

    assert extract(text).tasks[1].lead is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Đồng chí Đinh Công Sứ, Bí thư Huyện ủy và đồng chí Bùi Văn Tỉnh, Chủ tịch UBND huyện đồng "
        "chủ trì hội nghị.",
        "Bí thư Huyện ủy Đinh Công Sứ và Chủ tịch UBND huyện Bùi Văn Tỉnh đồng chủ trì hội nghị.",
    ],
)
def test_of_two_co_chairs_the_first_named_is_the_chair(sentence: str) -> None:
    text = (
        f"Sáng 15/8/2023, Huyện ủy Tân Lạc tổ chức hội nghị. {sentence} Các cấp ủy cần tập trung "
        "lãnh đạo thu hoạch vụ mùa."
    )
    meeting = extract(text).meeting

    assert (meeting.chair, meeting.chair_title) == ("Đinh Công Sứ", "Bí thư Huyện ủy")


@pytest.mark.parametrize(
    ("opening", "org", "chair"),
    [
        (
            "Sáng 15/8/2023, Sở Y tế tỉnh Hòa Bình tổ chức hội nghị sơ kết. Giám đốc Sở Y tế Nguyễn "
            "Văn Hoa yêu cầu",
            "Sở Y tế tỉnh Hòa Bình",
            "Nguyễn Văn Hoa",
        ),
        (
            "Sáng 15/8/2023, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị. Đồng chí Hoàng Văn Ba, "
            "Bí thư Đảng ủy Khối yêu cầu",
            "Đảng ủy Khối các cơ quan tỉnh",
            "Hoàng Văn Ba",
        ),
    ],
)
def test_a_body_whose_name_has_lower_case_words_holds_the_meeting(
    opening: str, org: str, chair: str
) -> None:
    meeting = extract(f"{opening} các đơn vị trực thuộc rà soát kế hoạch năm.").meeting

    assert (meeting.org, meeting.chair) == (org, chair)


def test_a_joint_lead_organising_a_check_is_no_organiser_and_a_conference_is_no_body() -> None:
    text = (
        "Hội nghị đã thảo luận các nội dung. UBND huyện Sơn Lâm và các cơ quan liên quan tổ chức "
        "kiểm tra các cơ sở khai thác cát, xong trước ngày 30/9/2023."
    )

    assert extract(text).meeting.org is None


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("đến hết ngày 31/12", date(2023, 12, 31)),
        ("hạn cuối ngày 15/9/2023", date(2023, 9, 15)),
        ("trước thời điểm 30/9/2023", date(2023, 9, 30)),
    ],
)
def test_more_ways_of_writing_a_date_limit(written: str, due: date) -> None:
    text = f"Ngày 5/7/2023, UBND huyện Mai Sơn họp. Giao Phòng Nội vụ rà soát biên chế, {written}."
    task = extract(text).tasks[0]

    assert (task.deadline, task.deadline_iso) == (written, due)


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Đồng chí Lê Văn Nam Bí thư Đảng ủy, Chủ tịch HĐND phường chủ trì cuộc họp.",
            "Lê Văn Nam",
            "Bí thư Đảng ủy, Chủ tịch HĐND phường",
        ),
        (
            "Đồng chí Lê Văn Nam Phó Chủ tịch HĐND phường chủ trì cuộc họp.",
            "Lê Văn Nam",
            "Phó Chủ tịch HĐND phường",
        ),
        # a given name that is also the first word of a title stays the name
        (
            "Đồng chí Nguyễn Văn Chánh, Chủ tịch HĐND phường chủ trì cuộc họp.",
            "Nguyễn Văn Chánh",
            "Chủ tịch HĐND phường",
        ),
    ],
)
def test_a_title_written_without_a_comma_ends_the_name(
    sentence: str, name: str, title: str
) -> None:
    meeting = extract(f"Sáng 5/8/2023, HĐND phường Tân Mai họp. {sentence}").meeting

    assert (meeting.chair, meeting.chair_title) == (name, title)
