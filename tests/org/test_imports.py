import io

from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from dangvu.org.imports import (
    ACT_SHEET,
    LINK_SHEET,
    LISTS_SHEET,
    ORG_COLUMNS,
    ORG_SHEET,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    ROLE_SHEET,
    UPDATE_SHEET,
)
from dangvu.org.models import Organisation, Position


def workbook(orgs: list[list[str]], people: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = ORG_SHEET
    sheet.append(list(ORG_COLUMNS.values()))
    for row in orgs:
        sheet.append(row)
    people_sheet = book.create_sheet(PEOPLE_SHEET)
    people_sheet.append(list(PEOPLE_COLUMNS.values()))
    for row in people:
        people_sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "to-chuc.xlsx"
    return data


GOOD_ORGS = [
    [
        "lb-ct-1",
        "Chi bộ Tổ dân phố 1",
        "Chi bộ TDP 1",
        "Tổ chức đảng",
        "",
        "lb-p-ngoclam",
        "1/1/2021",
        "30/6/2025",
    ],
    ["lb-ct-2", "Chi bộ Tổ dân phố 2", "", "party", "", "lb-p-ngoclam", "2021-01-01", "30/6/2025"],
    ["lb-ct-2a", "Tổ đảng 2A", "", "Khác", "", "lb-ct-2", "1/3/2021", "30/6/2025"],
]
GOOD_PEOPLE = [["Lê Văn D", "d@example.org", "", "lb-ct-1", "Bí thư chi bộ", "1/1/2021", ""]]


def test_preview_then_import(office_client: Client) -> None:
    before = Organisation.objects.count()
    response = office_client.post(reverse("org:import"), {"file": workbook(GOOD_ORGS, GOOD_PEOPLE)})
    html = response.content.decode()
    assert "Tất cả 4 dòng đều đúng" in html
    assert Organisation.objects.count() == before  # a preview writes nothing

    response = office_client.post(reverse("org:import_confirm"))
    assert response.status_code == 302
    assert Organisation.objects.count() == before + 3
    child = Organisation.objects.get(code="lb-ct-2a")
    assert child.parent is not None
    assert child.parent.code == "lb-ct-2"
    assert Position.objects.filter(person__full_name="Lê Văn D", title="Bí thư chi bộ").exists()


def test_bad_rows_are_reported_and_nothing_is_written(office_client: Client) -> None:
    before = Organisation.objects.count()
    bad = [
        *GOOD_ORGS,
        ["lb-ct-3", "", "", "Loại lạ", "", "khong-co", "32/1/2021", ""],
        ["lb-ct-1", "Trùng mã", "", "party", "", "", "1/1/2021", ""],
    ]
    people = [["Ngô Thị E", "", "", "khong-co", "", "hôm nay", ""]]
    response = office_client.post(reverse("org:import"), {"file": workbook(bad, people)})
    html = response.content.decode()
    assert "3 dòng có lỗi" in html
    assert "Chưa nhập “Tên đầy đủ”" in html
    assert "không có loại “Loại lạ”" in html
    assert "“Hiệu lực từ”: “32/1/2021” không phải là ngày" in html
    assert "Mã “lb-ct-1” bị trùng (dòng 2)" in html
    assert "Không có tổ chức mã “khong-co”" in html
    # confirming without a valid preview imports nothing
    response = office_client.post(reverse("org:import_confirm"))
    assert response.status_code == 302
    assert Organisation.objects.count() == before


def test_not_an_excel_file(office_client: Client) -> None:
    upload = io.BytesIO(b"%PDF-1.4 not a workbook")
    upload.name = "report.xlsx"
    response = office_client.post(reverse("org:import"), {"file": upload})
    assert "Tệp không phải là bảng tính Excel (.xlsx)." in response.content.decode()


def test_template_downloads(office_client: Client) -> None:
    response = office_client.get(reverse("org:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        ACT_SHEET,
        ORG_SHEET,
        UPDATE_SHEET,
        LINK_SHEET,
        PEOPLE_SHEET,
        ROLE_SHEET,
        LISTS_SHEET,
    ]
    allowed = [row[1] for row in book[LISTS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert allowed[:4] == ["toàn bộ", "một phần", "phần còn lại", "sáp nhập vào"]
