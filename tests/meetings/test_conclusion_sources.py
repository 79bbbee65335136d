"""One road from a conference's conclusion to its tasks (issue 12) and the conclusion editor's
numbering (issue 17): typed, pasted or .docx conclusions are read into the same items, checked in
the editor, then turned into tasks by the same review screen; the legacy "item to task" goes
through the same service path; nothing is renumbered without a warning. Fixtures are our own."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.assignments.checks import six_clear_gaps
from dangvu.assignments.models import Task
from dangvu.meetings import services
from dangvu.meetings.models import Conclusion, Conference
from dangvu.org.models import Organisation
from tests.assignments.test_conclusion_import import review_post
from tests.conftest import login
from tests.meetings.conftest import held

NOTICE = """ĐẢNG BỘ QUẬN LONG BIÊN
THÔNG BÁO KẾT LUẬN
của Ban Thường vụ Quận ủy tại hội nghị giao ban tháng 10/2020

Chiều ngày 02/10/2020, Ban Thường vụ Quận ủy họp giao ban. Sau khi nghe báo cáo, Ban Thường vụ \
Quận ủy kết luận như sau:
1. Ban Tổ chức Quận ủy chủ trì, phối hợp UBKT Quận ủy hoàn thiện báo cáo công tác cán bộ, \
trước ngày 15/01/2021.
2. Ban Tuyên giáo Quận ủy xây dựng kế hoạch tuyên truyền đại hội, xong trong tháng 11/2020.

Nơi nhận:
- Thường trực Quận ủy;
- Lưu VP.
"""

PROSE = (
    "Kết luận hội nghị, đồng chí Bí thư Quận ủy yêu cầu Ban Tổ chức Quận ủy chủ trì, phối hợp "
    "UBKT Quận ủy hoàn thiện báo cáo công tác cán bộ, trước ngày 15/01/2021. Ban Tuyên giáo "
    "Quận ủy xây dựng kế hoạch tuyên truyền đại hội, xong trong tháng 11/2020."
)


@pytest.fixture
def demo(db: None) -> dict[str, Organisation]:
    """The tree and the accounts only (each test makes the conference it needs)."""
    from dangvu.demo import scenario

    return scenario.load(chapters=())


def editor(conference: Conference) -> str:
    return reverse("meetings:conclusion", args=[conference.pk])


def review(conference: Conference) -> str:
    return reverse("meetings:conclusion_tasks", args=[conference.pk])


@pytest.fixture
def was_held(conference: Conference, office: User) -> Conference:
    return held(conference, office)


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pasted_notice_is_read_into_the_items_and_not_saved(
    office_client: Client, was_held: Conference
) -> None:
    response = office_client.post(editor(was_held), {"source_text": NOTICE, "read": "1"})

    assert response.status_code == 200
    form = response.context["form"]
    items = form["items"].value()
    assert items.splitlines()[0].startswith("1. Ban Tổ chức Quận ủy chủ trì")
    assert items.splitlines()[1].startswith("2. Ban Tuyên giáo")
    assert "Nơi nhận" not in items
    assert "Lưu VP" not in items
    assert form["preamble"].value().startswith("Chiều ngày 02/10/2020")
    assert form["source_text"].value() == ""
    assert response.context["notes"]
    assert not Conclusion.objects.filter(conference=was_held).exists()


def test_pasted_prose_without_numbers_becomes_one_item_per_directive(
    office_client: Client, was_held: Conference
) -> None:
    response = office_client.post(editor(was_held), {"source_text": PROSE})

    lines = response.context["form"]["items"].value().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("2. Ban Tuyên giáo Quận ủy xây dựng kế hoạch")
    assert "không có mục đánh số" in " ".join(response.context["notes"])


def test_a_docx_conclusion_is_read_the_same_way(
    office_client: Client, was_held: Conference
) -> None:
    upload = SimpleUploadedFile("ket-luan.docx", _docx(NOTICE.splitlines()))

    response = office_client.post(editor(was_held), {"source_file": upload, "preamble": ""})

    assert response.status_code == 200
    lines = response.context["form"]["items"].value().splitlines()
    assert [line[:2] for line in lines] == ["1.", "2."]


def test_an_unreadable_file_is_refused_beside_its_field_and_keeps_the_rest(
    office_client: Client, was_held: Conference
) -> None:
    upload = SimpleUploadedFile("ket-luan.pdf", b"%PDF-1.4 not a conclusion")

    response = office_client.post(
        editor(was_held),
        {"source_file": upload, "preamble": "Phần mở đầu đã gõ", "items": "1. Việc đã gõ."},
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["source_file"]
    assert form["preamble"].value() == "Phần mở đầu đã gõ"
    assert form["items"].value() == "1. Việc đã gõ."
    assert not Conclusion.objects.filter(conference=was_held).exists()


def test_pasted_then_saved_goes_to_the_review_and_makes_complete_tasks(
    office_client: Client, was_held: Conference, demo: dict[str, Organisation]
) -> None:
    read = office_client.post(editor(was_held), {"source_text": NOTICE}).context["form"]

    saved = office_client.post(
        editor(was_held),
        {"preamble": read["preamble"].value(), "items": read["items"].value(), "to_tasks": "1"},
    )

    assert saved.status_code == 302
    assert saved["Location"] == review(was_held)
    page = office_client.get(review(was_held))
    rows = [form.initial for form in page.context["formset"].forms]
    assert [row["lead_unit"] for row in rows] == [demo["lb-btc"].pk, demo["lb-btg"].pk]
    assert rows[0]["deadline"] == dt.date(2021, 1, 15)
    made = office_client.post(review(was_held), review_post(page))
    assert made.status_code == 302
    tasks = [item.task for item in was_held.conclusion.items.order_by("number")]
    assert all(task is not None and six_clear_gaps(task) == [] for task in tasks)


def test_an_unnumbered_first_line_is_not_silently_item_one(
    office_client: Client, was_held: Conference
) -> None:
    typed = "Hội nghị thống nhất các nội dung sau\n1. Ban Tổ chức rà soát quy hoạch cán bộ."

    response = office_client.post(editor(was_held), {"preamble": "Mở đầu", "items": typed})

    assert response.status_code == 400
    html = response.content.decode()
    assert "không có số thứ tự" in html
    assert response.context["form"]["items"].value() == typed
    assert response.context["form"]["preamble"].value() == "Mở đầu"
    assert not Conclusion.objects.filter(conference=was_held).exists()

    confirmed = office_client.post(
        editor(was_held),
        {"preamble": "Mở đầu", "items": typed, "confirm_renumbering": "on", "save": "1"},
    )

    assert confirmed.status_code == 302
    numbers = list(was_held.conclusion.items.values_list("number", flat=True))
    assert numbers == [1, 2]


def test_skipped_numbers_are_announced_before_saving(
    office_client: Client, was_held: Conference
) -> None:
    response = office_client.post(
        editor(was_held), {"items": "1. Việc một.\n3. Việc ba.\n4. Việc bốn."}
    )

    assert response.status_code == 400
    assert response.context["renumber"] == ["Các mục gõ là 1, 3, 4 sẽ được lưu thành 1, 2, 3."]
    assert not Conclusion.objects.filter(conference=was_held).exists()


def test_well_numbered_items_are_saved_without_a_question(
    office_client: Client, was_held: Conference
) -> None:
    response = office_client.post(editor(was_held), {"items": "1. Việc một.\n2. Việc hai."})

    assert response.status_code == 302
    assert was_held.conclusion.items.count() == 2


@pytest.mark.parametrize("username", ["baocao", "truongban"])
def test_other_roles_cannot_read_a_conclusion_into_the_record(
    client: Client, was_held: Conference, username: str
) -> None:
    login(client, username)

    response = client.post(editor(was_held), {"source_text": NOTICE, "items": "1. X."})

    assert response.status_code in (403, 404)
    assert not Conclusion.objects.filter(conference=was_held).exists()


def test_anonymous_is_sent_to_log_in(client: Client, was_held: Conference) -> None:
    response = client.post(editor(was_held), {"items": "1. X."})

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_item_to_task_takes_the_review_road(
    was_held: Conference, office: User, demo: dict[str, Organisation]
) -> None:
    services.conclusion_write(
        conference=was_held,
        preamble="",
        items=services.parse_items(NOTICE.split("kết luận như sau:\n")[1].split("\n\n")[0]),
        by=office,
    )
    item = was_held.conclusion.items.get(number=1)

    task = services.item_to_task(item=item, by=office)

    assert task.lead_unit == demo["lb-btc"]
    assert list(task.coordinating_units.all()) == [demo["lb-ubkt"]]
    assert task.deadline == dt.date(2021, 1, 15)
    assert task.authority == demo["lb-qu"]
    assert six_clear_gaps(task) == []
    item.refresh_from_db()
    assert item.task == task


def test_item_to_task_refuses_a_unit_reporter(was_held: Conference, office: User) -> None:
    services.conclusion_write(
        conference=was_held, preamble="", items=services.parse_items("1. Việc một."), by=office
    )
    item = was_held.conclusion.items.get()
    count = Task.objects.count()

    with pytest.raises(PermissionDenied):
        services.item_to_task(item=item, by=User.objects.get(username="baocao"))

    assert Task.objects.count() == count


def test_an_item_with_two_directives_splits_in_the_review_traced_to_it(
    office_client: Client, was_held: Conference, office: User, demo: dict[str, Organisation]
) -> None:
    services.conclusion_write(
        conference=was_held,
        preamble="",
        items=services.parse_items(
            "1. Ban Tổ chức Quận ủy tham mưu quy chế làm việc trước ngày 15/01/2021; Văn phòng "
            "Quận ủy chuẩn bị hội nghị tổng kết trước ngày 20/01/2021.\n"
            "2. Ban Tuyên giáo Quận ủy rà soát các nội dung như: tuyên truyền; báo cáo viên; "
            "dư luận xã hội, trước ngày 30/11/2020."
        ),
        by=office,
    )
    page = office_client.get(review(was_held))
    rows = [form.initial for form in page.context["formset"].forms]

    assert [row["lead_unit"] for row in rows] == [
        demo["lb-btc"].pk,
        demo["lb-vp"].pk,
        demo["lb-btg"].pk,  # a list of examples stays one task
    ]
    assert [row["deadline"] for row in rows] == [
        dt.date(2021, 1, 15),
        dt.date(2021, 1, 20),
        dt.date(2020, 11, 30),
    ]
    assert office_client.post(review(was_held), review_post(page)).status_code == 302
    first = was_held.conclusion.items.get(number=1)
    assert first.task is not None
    assert first.task.lead_unit == demo["lb-btc"]
    assert [t.lead_unit for t in first.more_tasks.all()] == [demo["lb-vp"]]
