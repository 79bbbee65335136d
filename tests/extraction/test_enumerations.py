"""Enumerations inside a directive (issue 12): split where each clause is a task of its own, kept
whole where the list only names topics or examples. The fixtures are the project's own."""

from __future__ import annotations

from datetime import date

from dangvu.extraction import extract


def test_examples_after_nhu_stay_one_task() -> None:
    text = (
        "Kết luận hội nghị:\n"
        "1. Giao Ban Tổ chức Quận ủy chủ trì, phối hợp Ủy ban Kiểm tra Quận ủy rà soát các "
        "nội dung như: quy hoạch cán bộ; kiện toàn bộ máy; đánh giá cán bộ, trước ngày 15/01/2021."
    )
    tasks = extract(text).tasks

    assert len(tasks) == 1
    assert tasks[0].lead == "Ban Tổ chức Quận ủy"
    assert tasks[0].text.endswith("đánh giá cán bộ, trước ngày 15/01/2021.")
    assert tasks[0].deadline_iso == date(2021, 1, 15)


def test_clauses_with_their_own_unit_split() -> None:
    text = (
        "Kết luận hội nghị:\n"
        "1. Ban Tổ chức Quận ủy chủ trì tham mưu quy chế trước ngày 15/01/2021; Văn phòng "
        "Quận ủy chuẩn bị hội nghị tổng kết trước ngày 20/01/2021."
    )
    tasks = extract(text).tasks

    assert [t.lead for t in tasks] == ["Ban Tổ chức Quận ủy", "Văn phòng Quận ủy"]
    assert [t.deadline_iso for t in tasks] == [date(2021, 1, 15), date(2021, 1, 20)]


def test_a_verb_list_after_a_semicolon_is_the_same_task() -> None:
    tasks = extract(
        "Yêu cầu các phường tăng cường kiểm tra, giám sát; tiếp tục nâng cao chất lượng sinh hoạt."
    ).tasks

    assert len(tasks) == 1
    assert tasks[0].lead == "các phường"


def test_a_new_field_of_work_after_a_semicolon_is_a_task_of_its_own() -> None:
    tasks = extract(
        "Kết luận, đồng chí Bí thư yêu cầu trong quý IV, các ban tiếp tục thực hiện các nhiệm vụ "
        "đã đề ra; trong công tác dân vận tiếp tục đổi mới phương thức vận động quần chúng."
    ).tasks

    assert len(tasks) == 2
    assert tasks[1].text.startswith("trong công tác dân vận tiếp tục đổi mới")


def test_topics_of_a_discussion_are_not_tasks() -> None:
    tasks = extract(
        "Tại buổi làm việc có 03 ý kiến tập trung vào các lĩnh vực: Giải phóng mặt bằng; "
        "xây dựng cơ bản, chỉnh trang đô thị."
    ).tasks

    assert tasks == []
