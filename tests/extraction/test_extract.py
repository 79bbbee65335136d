"""End-to-end behaviour of ``extract`` on texts written for these tests."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from dangvu.extraction import ExtractionResult, extract
from tests.extraction import fixtures


def _check_offsets(text: str, result: ExtractionResult) -> None:
    for task in result.tasks:
        assert text[task.start : task.end] == task.text


def test_seed_like_meeting_and_numbered_tasks() -> None:
    result = extract(fixtures.SEED_LIKE)

    assert result.meeting.date == date(2020, 9, 11)
    assert result.meeting.chair == "Ngô Mạnh Điềm"
    assert result.meeting.chair_title == "Phó Bí thư Thường trực Quận ủy"
    assert [t.group for t in result.tasks] == ["1", "2", "3", "4"]
    assert all(t.lead == "các ban, ngành, đoàn thể quận" for t in result.tasks)
    assert all(t.deadline == "trong 3 tháng cuối năm 2020" for t in result.tasks)
    assert all(t.deadline_iso == date(2020, 12, 31) for t in result.tasks)
    assert (
        result.tasks[0].text == "Hoàn thiện dự thảo báo cáo chính trị trình Ban Thường vụ Quận ủy."
    )
    assert result.tasks[0].deliverable == "dự thảo báo cáo chính trị"
    _check_offsets(fixtures.SEED_LIKE, result)


def test_url_header_is_not_body_but_offsets_refer_to_the_input() -> None:
    result = extract(fixtures.SEED_LIKE)
    assert all(t.start > fixtures.SEED_LIKE.index("\n\n") for t in result.tasks)
    assert "URL" not in (result.meeting.org or "")


def test_written_directive_lead_coordination_deadline_deliverable() -> None:
    result = extract(fixtures.DIRECTIVE)

    assert result.meeting.date is None
    assert result.meeting.chair is None
    assert result.meeting.org == "UBND quận"
    assert len(result.tasks) == 1
    task = result.tasks[0]
    assert task.lead == "UBND phường Ngọc Lâm"
    assert task.coordinating == ["Phòng Tài nguyên và Môi trường", "Công an quận"]
    assert task.deadline == "trước ngày 15/10/2020"
    assert task.deadline_iso == date(2020, 10, 15)
    assert task.deliverable is not None
    assert task.deliverable.startswith("kế hoạch giải tỏa")
    _check_offsets(fixtures.DIRECTIVE, result)


def test_prose_sentence_with_several_agencies_gives_one_task_each() -> None:
    result = extract(fixtures.PROSE)

    leads = [t.lead for t in result.tasks]
    assert leads == ["các chi bộ", "Ủy ban MTTQ phường", "Văn phòng Đảng ủy", None]
    assert result.tasks[0].deadline_iso == date(2021, 4, 30)  # year from the meeting date
    assert result.tasks[1].coordinating == ["các đoàn thể"]
    assert result.tasks[1].deadline is None  # never invented
    assert result.tasks[2].deadline_iso == date(2021, 6, 30)
    assert result.tasks[3].text.startswith("Làm rõ trách nhiệm")  # continues the directive
    assert result.meeting.chair == "Trần Văn Bình"
    _check_offsets(fixtures.PROSE, result)


def test_lettered_items_use_their_own_addressee_or_inherit_none() -> None:
    result = extract(fixtures.LETTERED)

    assert [t.group for t in result.tasks] == ["a", "b", "c"]
    assert [t.lead for t in result.tasks] == ["Công an xã", "Ban Văn hóa xã", None]
    assert result.tasks[1].deadline_iso == date(2022, 4, 30)
    assert result.tasks[1].deliverable == "kế hoạch tổ chức lễ hội"
    assert result.meeting.chair == "Lê Thị Hoa"
    assert result.meeting.date == date(2022, 4, 20)


def test_bulleted_items_inherit_the_intro_addressee() -> None:
    result = extract(fixtures.BULLETED)

    assert [t.lead for t in result.tasks] == [
        "Phòng Nội vụ huyện",
        "Các xã, thị trấn",
        "các cơ quan, đơn vị",
    ]
    assert result.tasks[0].deadline_iso == date(2023, 6, 25)
    assert result.tasks[1].deadline_iso == date(2023, 12, 31)
    assert result.tasks[2].deadline is None  # "khẩn trương" is urgency, not a deadline
    assert all(t.group is None for t in result.tasks)
    assert result.meeting.chair == "Phạm Quang Huy"


def test_visiting_superior_who_only_gives_guidance_is_not_the_chair() -> None:
    result = extract(fixtures.GUEST_ONLY)

    assert result.meeting.chair is None
    assert result.meeting.date == date(2022, 8, 14)
    assert [t.lead for t in result.tasks] == ["Đảng ủy xã"]


def test_report_without_directives_has_no_tasks() -> None:
    assert extract(fixtures.REPORT_ONLY).tasks == []


def test_decomposed_unicode_offsets_point_into_the_original_string() -> None:
    decomposed = unicodedata.normalize("NFD", fixtures.PROSE)
    assert decomposed != fixtures.PROSE

    result = extract(decomposed)

    assert [t.lead for t in result.tasks][:3] == [
        unicodedata.normalize("NFC", "các chi bộ"),
        "Ủy ban MTTQ phường",
        "Văn phòng Đảng ủy",
    ]
    _check_offsets(decomposed, result)


def test_to_dict_has_exactly_the_contract_keys() -> None:
    data = extract(fixtures.DIRECTIVE).to_dict()

    assert set(data) == {"meeting", "tasks"}
    assert set(data["meeting"]) == {"date", "chair", "chair_title", "org"}
    assert set(data["tasks"][0]) == {
        "text",
        "start",
        "end",
        "group",
        "lead",
        "coordinating",
        "deadline",
        "deadline_iso",
        "deliverable",
    }
    assert data["tasks"][0]["deadline_iso"] == "2020-10-15"


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Đề nghị các chi bộ tổ chức sinh hoạt chuyên đề trong tháng 5.", "các chi bộ"),
        (
            "Giao UBND phường chủ trì, phối hợp với Công an phường rà soát các điểm nóng.",
            "UBND phường",
        ),
        ("Trước mắt, các cơ quan, đơn vị cần tập trung chuẩn bị đại hội.", "các cơ quan, đơn vị"),
        (
            "Đồng chí Bí thư yêu cầu ban soạn thảo tiếp thu ý kiến, hoàn chỉnh báo cáo.",
            "ban soạn thảo",
        ),
    ],
)
def test_addressee_patterns(sentence: str, lead: str) -> None:
    text = f"Ngày 3/5/2024, Đảng ủy xã họp thường kỳ. {sentence}"
    tasks = extract(text).tasks
    assert [t.lead for t in tasks] == [lead]


def test_title_first_chair_and_short_date_deadline() -> None:
    text = (
        "Sáng 12/5/2023, UBND huyện tổ chức phiên họp thường kỳ. Chủ tịch UBND huyện Nguyễn Văn An "
        "chủ trì phiên họp.\nKết luận phiên họp, Chủ tịch UBND huyện Nguyễn Văn An yêu cầu Phòng "
        "Tài chính - Kế hoạch rà soát nguồn vốn, báo cáo trước 30/5."
    )
    result = extract(text)
    assert result.meeting.chair == "Nguyễn Văn An"
    assert result.meeting.chair_title == "Chủ tịch UBND huyện"
    assert [t.lead for t in result.tasks] == ["Phòng Tài chính - Kế hoạch"]
    assert result.tasks[0].deadline_iso == date(2023, 5, 30)


def test_heading_per_unit_scopes_over_its_item() -> None:
    text = (
        "Ngày 7/7/2022, Ban Thường vụ Thị ủy họp. Đồng chí Bí thư Thị ủy kết luận như sau:\n"
        "1. Đối với UBND thị xã: khẩn trương hoàn thiện đề án sắp xếp đơn vị hành chính, "
        "trình Ban Thường vụ trong tháng 8/2022.\n"
        "2. Đối với Ban Tuyên giáo Thị ủy: chủ trì, phối hợp với Trung tâm Chính trị tổ chức "
        "học tập nghị quyết."
    )
    tasks = extract(text).tasks
    assert [t.lead for t in tasks] == ["UBND thị xã", "Ban Tuyên giáo Thị ủy"]
    assert tasks[0].text.startswith("Đối với UBND thị xã:")
    assert tasks[0].deadline_iso == date(2022, 8, 31)
    assert tasks[1].coordinating == ["Trung tâm Chính trị"]


def test_meeting_as_subject_is_not_an_addressee() -> None:
    text = (
        "Hội nghị thống nhất giao Ban Tổ chức Huyện ủy chủ trì xây dựng quy chế làm việc, "
        "hoàn thành trong quý III/2021."
    )
    tasks = extract(text).tasks
    assert [t.lead for t in tasks] == ["Ban Tổ chức Huyện ủy"]
    assert tasks[0].deadline_iso == date(2021, 9, 30)
    assert tasks[0].deliverable == "quy chế làm việc"
