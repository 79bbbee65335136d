import datetime as dt
import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dangvu.assignments.conclusion_import import highlight
from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from tests.assignments.conclusion_text import CONCLUSION

IMPORT = reverse("assignments:import")
CREATE = reverse("assignments:import_create")


def read(client: Client, demo: dict[str, Organisation], **data: Any) -> Any:
    return client.post(IMPORT, {"committee": demo["lb-qu"].pk, **data})


def review_post(response: Any) -> dict[str, Any]:
    """The review form as the browser would send it back (initial values, untouched)."""
    context = response.context
    data: dict[str, Any] = {}
    review_form = context["review_form"]
    for field in review_form:
        value = field.value()
        data[field.html_name] = value.isoformat() if isinstance(value, dt.date) else value
    formset = context["formset"]
    for key, value in formset.management_form.initial.items():
        data[f"{formset.prefix}-{key}"] = value
    for form in formset.forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            data[field.html_name] = value
    return data


def test_review_marks_each_task_and_prefills_what_the_text_says(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = read(office_client, demo, text=CONCLUSION)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<mark class="task-span"') == 4
    formset = response.context["formset"]
    assert len(formset.forms) == 4
    second = formset.forms[1].initial
    assert second["lead_unit"] == demo["lb-btg"].pk
    assert second["coordinating_units"] == [demo["lb-mttq"].pk]
    assert second["deadline"] == dt.date(2020, 12, 31)
    assert second["deadline_text"] == "trong 3 tháng cuối năm 2020"
    # "các cơ quan, đơn vị" names no unit: the lead stays empty, shown as missing.
    assert formset.forms[0].initial["lead_unit"] is None
    assert "còn thiếu" in html
    review_form = response.context["review_form"]
    assert review_form.initial["issued_on"] == dt.date(2020, 9, 11)
    assert "11/9/2020" in review_form.initial["source_reference"]
    assert "Ngô Mạnh Điềm" in review_form.initial["source_reference"]


def test_create_makes_every_included_task_with_its_gaps(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    data = review_post(read(office_client, demo, text=CONCLUSION))
    data.pop("form-2-include")  # the office drops the third item
    response = office_client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:list")
    tasks = list(Task.objects.order_by("pk"))
    assert len(tasks) == 3
    assert all(t.deadline == dt.date(2020, 12, 31) for t in tasks)
    assert all(t.issued_on == dt.date(2020, 9, 11) for t in tasks)
    assert all(t.source_kind == "conclusion" for t in tasks)
    propaganda = tasks[1]
    assert propaganda.lead_unit == demo["lb-btg"]
    assert list(propaganda.coordinating_units.all()) == [demo["lb-mttq"]]
    assert propaganda.original_text.startswith("Giao Ban Tuyên giáo Quận ủy chủ trì")
    assert propaganda.source_reference.endswith("mục 2")
    assert tasks[0].lead_unit is None
    assert tasks[0].lead_text == "các cơ quan, đơn vị"
    html = office_client.get(response["Location"]).content.decode()
    assert "Đã tạo 3 nhiệm vụ" in html
    assert "Rõ người: chưa có đơn vị chủ trì" in html
    # The review sets the accepting authority, by default the committee itself.
    assert all(t.authority == demo["lb-qu"] for t in tasks)
    assert "Rõ thẩm quyền" not in html


def test_the_office_may_leave_the_authority_open(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    response = read(office_client, demo, text=CONCLUSION)
    assert response.context["review_form"].initial["authority"] == demo["lb-qu"]
    data = review_post(response)
    data["authority"] = ""
    response = office_client.post(CREATE, data)
    assert response.status_code == 302
    assert not Task.objects.filter(authority__isnull=False).exists()
    html = office_client.get(response["Location"]).content.decode()
    assert "Rõ thẩm quyền" in html


def test_an_authority_outside_the_committee_is_refused(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    data = review_post(read(office_client, demo, text=CONCLUSION))
    outside = Organisation.objects.exclude(path__startswith=demo["lb-qu"].path).first()
    assert outside is not None
    data["authority"] = outside.pk
    response = office_client.post(CREATE, data)
    assert response.status_code == 400
    assert not Task.objects.exists()


def test_an_error_in_one_row_creates_nothing_and_keeps_the_edits(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    data = review_post(read(office_client, demo, text=CONCLUSION))
    data["form-0-content"] = "Nội dung đã sửa"
    data["form-3-deadline"] = "2020-01-01"  # before the meeting
    response = office_client.post(CREATE, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nhiệm vụ 4: Thời hạn không được trước ngày giao nhiệm vụ" in html
    assert "Nội dung đã sửa" in html
    assert html.count('<mark class="task-span"') == 4
    assert not Task.objects.exists()


def test_a_docx_upload_is_read(office_client: Client, demo: dict[str, Organisation]) -> None:
    document = docx.Document()
    for paragraph in CONCLUSION.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("ket-luan.docx", buffer.getvalue())
    response = read(office_client, demo, file=upload)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Hãy dán nội dung thông báo kết luận hoặc tải tệp lên."),
        (
            {"text": "The committee met and decided many things about the annual report plan."},
            "Không nhận ra văn bản tiếng Việt.",
        ),
        (
            {"file": SimpleUploadedFile("a.txt", bytes(range(256)) * 20)},
            "Tệp không phải văn bản",
        ),
        ({"file": SimpleUploadedFile("a.docx", b"PK\x03\x04 not really a zip")}, ""),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}, "Chỉ đọc được tệp .txt và .docx."),
        (
            {"file": SimpleUploadedFile("big.txt", ("Hội nghị kết luận. " * 120_000).encode())},
            "Văn bản quá lớn",
        ),
    ],
)
def test_bad_input_says_why_and_creates_nothing(
    office_client: Client, demo: dict[str, Organisation], data: dict[str, Any], message: str
) -> None:
    for upload in data.values():
        if isinstance(upload, SimpleUploadedFile):
            upload.seek(0)
    response = read(office_client, demo, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    assert message in html
    assert "formset" not in response.context
    assert not Task.objects.exists()


def test_bad_input_keeps_what_was_pasted(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    text = "This is an English note that the extractor will refuse to read at all, sorry."
    html = read(office_client, demo, text=text).content.decode()
    assert text in html


def test_reporter_may_not_import(reporter_client: Client, demo: dict[str, Organisation]) -> None:
    assert reporter_client.get(IMPORT).status_code == 403
    assert read(reporter_client, demo, text=CONCLUSION).status_code == 403
    assert reporter_client.post(CREATE, {"committee": demo["lb-qu"].pk}).status_code == 403
    assert not Task.objects.exists()


def test_highlight_escapes_the_source() -> None:
    html = highlight("<b>a</b> Giao <i>x</i> việc.", [(9, 22)])
    assert html == (
        "&lt;b&gt;a&lt;/b&gt; "
        '<mark class="task-span" id="span-1" data-task="1"><sup class="task-number">1</sup>'
        "Giao &lt;i&gt;x&lt;/i&gt;</mark> việc."
    )
