import datetime as dt
import io

import docx
import pytest
from django.core import mail
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind
from dangvu.reports import services
from dangvu.reports.enums import ContributionStatus
from dangvu.reports.models import Contribution, DraftVersion, Period
from tests.conftest import login
from tests.reports.conftest import contribution_of, write_and_accept

pytestmark = pytest.mark.django_db


def test_office_opens_a_period(office_client, demo):
    response = office_client.post(
        reverse("reports:create"),
        {
            "committee": demo["lb-qu"].pk, "kind": "nine_months", "year": 2020,
            "cut_off": "state", "due_on": "2020-09-05",
            "units": [demo["lb-btg"].pk, demo["lb-mttq"].pk],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    period = Period.objects.get()
    assert (period.starts_on, period.ends_on) == (dt.date(2019, 12, 15), dt.date(2020, 9, 14))
    assert period.contributions.count() == 2
    page = office_client.get(reverse("reports:period", args=[period.pk]))
    assert "Ban Tuyên giáo" in page.content.decode()


def test_bad_period_input_shows_vietnamese_message(office_client, demo):
    response = office_client.post(
        reverse("reports:create"),
        {"committee": demo["lb-qu"].pk, "kind": "quarter", "year": 2020, "number": 9,
         "cut_off": "calendar", "due_on": "2020-09-05"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Nhập tháng (1–12), quý (1–4)" in response.content.decode()
    assert not Period.objects.exists()


@pytest.mark.parametrize("username", ["baocao", "truongban", "lanhdao"])
def test_only_the_office_opens_periods(client, demo, username):
    login(client, username)
    assert client.get(reverse("reports:create")).status_code == 403


def test_reporter_writes_head_submits_office_accepts(client, period):
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    indicator = period.indicators.first()
    url = reverse("reports:contribution", args=[contribution.pk])
    login(client, "baocao")
    response = client.post(
        url, {f"s{topic.pk}-results": "Tổ chức <b>20</b> hội nghị", f"i{indicator.pk}": "4",
              "action": "send"},
    )  # fmt: skip
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.READY
    page = client.get(url).content.decode()
    assert "Nộp cho Văn phòng" not in page  # the reporter cannot submit
    login(client, "truongban")
    client.post(url, {"action": "submit"})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED
    # emphasis is not printed by the report documents, so it is not kept (reports.richtext)
    assert contribution.entries.get().results == "<p>Tổ chức 20 hội nghị</p>"
    login(client, "vanphong")
    client.post(reverse("reports:accept", args=[contribution.pk]))
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED


def test_reporter_cannot_submit_to_office(client, period):
    contribution = contribution_of(period, "lb-btg")
    login(client, "baocao")
    services.contribution_send_to_head(contribution=contribution, by=policy.SYSTEM)
    response = client.post(
        reverse("reports:contribution", args=[contribution.pk]), {"action": "submit"}
    )
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.READY


def test_return_needs_a_reason(office_client, period):
    contribution = contribution_of(period, "lb-btg")
    services.contribution_submit(contribution=contribution, by=policy.SYSTEM)
    office_client.post(reverse("reports:return", args=[contribution.pk]), {"reason": ""})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED
    office_client.post(reverse("reports:return", args=[contribution.pk]), {"reason": "Thiếu số"})
    contribution.refresh_from_db()
    assert (contribution.status, contribution.return_reason) == ("returned", "Thiếu số")


@pytest.mark.parametrize(
    ("username", "code", "status"),
    [
        ("baocao", "lb-btg", 200),
        ("baocao", "lb-btc", 404),
        ("truongban", "lb-mttq", 404),
        ("vanphong", "lb-btc", 200),
        ("lanhdao", "lb-btc", 200),
    ],
)
def test_contribution_visibility_by_role(client, period, username, code, status):
    login(client, username)
    contribution = contribution_of(period, code)
    response = client.get(reverse("reports:contribution", args=[contribution.pk]))
    assert response.status_code == status


def test_leader_reads_but_cannot_write(client, period):
    contribution = contribution_of(period, "lb-btg")
    login(client, "lanhdao")
    url = reverse("reports:contribution", args=[contribution.pk])
    assert client.post(url, {"action": "save"}).status_code == 403
    assert client.post(reverse("reports:accept", args=[contribution.pk])).status_code == 403
    assert client.post(reverse("reports:consolidate", args=[period.pk])).status_code == 403


def test_unit_sees_only_its_row_on_the_board(client, period):
    login(client, "baocao")
    page = client.get(reverse("reports:period", args=[period.pk])).content.decode()
    assert "Ban Tuyên giáo" in page
    assert "Ban Tổ chức" not in page


def test_outsider_gets_404_for_period(client, period):
    User.objects.create_user(username="ngoai", password="x")
    login(client, "ngoai")
    assert client.get(reverse("reports:period", args=[period.pk])).status_code == 404
    assert client.get(reverse("reports:draft", args=[period.pk])).status_code == 404


def test_upload_checks(client, period, docx_bytes):
    contribution = contribution_of(period, "lb-btg")
    login(client, "baocao")
    url = reverse("reports:upload", args=[contribution.pk])
    bad = io.BytesIO(b"not a docx")
    bad.name = "hong.docx"
    response = client.post(url, {"kind": "docx", "file": bad}, follow=True)
    assert "không phải văn bản Word" in response.content.decode()
    good = io.BytesIO(docx_bytes([("h", "Công tác dân vận"), ("p", "Dân vận khéo.")]))
    good.name = "btg.docx"
    response = client.post(url, {"kind": "docx", "file": good}, follow=True)
    page = response.content.decode()
    assert "Dân vận khéo." in page
    assert not contribution.entries.exists()
    imported = contribution.imports.get()
    client.post(
        reverse("reports:import_review", args=[contribution.pk, imported.pk]), {"action": "apply"}
    )
    assert contribution.entries.get().results == "<p>Dân vận khéo.</p>"
    exe = io.BytesIO(b"MZ....")
    exe.name = "x.exe"
    response = client.post(url, {"kind": "file", "file": exe}, follow=True)
    assert "Chỉ được đính kèm" in response.content.decode()
    assert not contribution.attachments.exists()


def test_remind_button_sends_mail(office_client, period, django_capture_on_commit_callbacks):
    import time_machine

    User.objects.filter(username="baocao").update(email="baocao@example.org")
    with (
        time_machine.travel(dt.datetime(2020, 9, 7, 9, tzinfo=dt.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = office_client.post(reverse("reports:remind", args=[period.pk]), follow=True)
    assert "3" in response.content.decode()
    from dangvu.notifications import outbox

    outbox.deliver()  # the worker's pass
    assert [m.to for m in mail.outbox] == [["baocao@example.org", "truongban@dangvu.invalid"]]


def test_draft_flow_pages(office_client, period, office):
    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {"Đảng viên mới kết nạp": 2})
    office_client.post(reverse("reports:consolidate", args=[period.pk]), {"base_version": 0})
    assert DraftVersion.objects.filter(period=period).count() == 1
    page = office_client.get(reverse("reports:draft", args=[period.pk])).content.decode()
    assert "Đoạn của Ban Tuyên giáo." in page
    assert "DỰ THẢO (lần 1)" in page
    edit_url = reverse("reports:draft_edit", args=[period.pk])
    topic = period.sections.filter(role="topic").first()
    response = office_client.post(
        edit_url, {"base_version": 1, f"section-{topic.pk}": "Đoạn đã biên tập."}
    )
    assert response.status_code == 302
    stale = office_client.post(edit_url, {"base_version": 1, f"section-{topic.pk}": "Khác"})
    assert stale.status_code == 409
    assert "Người khác đã lưu dự thảo lần 2" in stale.content.decode()
    diff = office_client.get(reverse("reports:diff", args=[period.pk]), {"a": 1, "b": 2})
    assert "<del>" in diff.content.decode()
    assert "biên tập" in diff.content.decode()
    office_client.post(
        reverse("reports:comment_add", args=[period.pk]),
        {"version": 2, "section": topic.pk, "text": "Đề nghị bổ sung", "author_name": "Đại biểu A"},
    )
    comment = period.versions.get(number=2).comments.get()
    office_client.post(
        reverse("reports:comment_answer", args=[period.pk, comment.pk]),
        {"status": "explained", "answer": "Đã có ở mục khác"},
    )
    comment.refresh_from_db()
    assert comment.status == "explained"
    response = office_client.post(
        reverse("reports:issue", args=[period.pk]),
        {"issued_on": "2020-10-01", "signer_authority": "T/M BAN THƯỜNG VỤ",
         "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC", "signer_name": "Ngô Mạnh Điềm",
         "empty_headings_confirmed": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    period.refresh_from_db()
    document = office_client.get(reverse("reports:docx", args=[period.pk]))
    parsed = docx.Document(io.BytesIO(document.content))
    cells = " ".join(c.text for t in parsed.tables for r in t.rows for c in r.cells)
    assert f"Số {period.issued.number_label}" in cells
    xlsx = office_client.get(reverse("reports:xlsx", args=[period.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_comment_answer_is_office_only(client, period, office):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    version = services.draft_consolidate(period=period, by=office)
    comment = services.comment_add(version=version, text="Góp ý", by=office)
    login(client, "baocao")
    url = reverse("reports:comment_answer", args=[period.pk, comment.pk])
    assert client.post(url, {"status": "accepted", "answer": "x"}).status_code == 403


def _period_with_units(demo, office, count):
    period = services.period_create(
        committee=demo["lb-qu"], kind="year", year=2020, due_on=dt.date(2020, 12, 1), by=office
    )
    units = [
        org_services.organisation_create(
            code=f"lb-cb-{count}-{i}", name=f"Chi bộ mẫu {i}", kind=OrgKind.PARTY,
            parent=demo["lb-qu"], valid_from=dt.date(2004, 1, 1),
            valid_to=dt.date(2025, 6, 30), by=policy.SYSTEM,
        )
        for i in range(count)
    ]  # fmt: skip
    services.contributions_request(period=period, units=units, by=office)
    for contribution in Contribution.objects.filter(period=period).select_related("unit"):
        write_and_accept(period, contribution.unit.code, f"Kết quả {contribution.unit.name}", {
            "Đảng viên mới kết nạp": 1})  # fmt: skip
    services.draft_consolidate(period=period, by=office)
    return period


@pytest.mark.parametrize("page", ["reports:period", "reports:draft"])
def test_query_count_does_not_grow_with_units(
    office_client, demo, office, page, django_assert_num_queries
):
    small = _period_with_units(demo, office, 2)
    large = _period_with_units(demo, office, 8)
    office_client.get(reverse(page, args=[small.pk]))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert office_client.get(reverse(page, args=[small.pk])).status_code == 200
    with django_assert_num_queries(len(first)):
        assert office_client.get(reverse(page, args=[large.pk])).status_code == 200


def test_outline_edit_and_template(office_client, period):
    url = reverse("reports:outline", args=[period.pk])
    assert "Công tác dân vận" in office_client.get(url).content.decode()
    response = office_client.post(
        url,
        {"sections_text": "* Một\n! Hạn chế\n", "indicators_text": "Hội nghị | cuộc",
         "save_as_template": "Mẫu ngắn"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(period.sections.values_list("title", flat=True)) == ["Một", "Hạn chế"]
    assert period.committee.report_templates.get().name == "Mẫu ngắn"
    bad = office_client.post(url, {"sections_text": "A\n      B\n", "indicators_text": ""})
    assert "Dòng 2" in bad.content.decode()


@pytest.mark.parametrize(
    ("username", "name", "method", "status"),
    [
        ("baocao", "reports:outline", "get", 403),
        ("lanhdao", "reports:draft_edit", "get", 403),
        ("truongban", "reports:issue", "get", 403),
        ("baocao", "reports:remind", "post", 403),
        ("lanhdao", "reports:request", "post", 403),
    ],
)
def test_office_pages_refused_to_others(client, period, office, username, name, method, status):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    services.draft_consolidate(period=period, by=office)
    login(client, username)
    response = getattr(client, method)(reverse(name, args=[period.pk]))
    assert response.status_code == status


def test_outsider_cannot_download(client, period, office):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    services.draft_consolidate(period=period, by=office)
    User.objects.create_user(username="ngoai2", password="x")
    login(client, "ngoai2")
    for name in ("reports:docx", "reports:xlsx", "reports:diff"):
        assert client.get(reverse(name, args=[period.pk])).status_code == 404


def test_period_list_scoped(client, period):
    login(client, "baocao")
    assert period.title in client.get(reverse("reports:list")).content.decode()
    User.objects.create_user(username="ngoai3", password="x")
    login(client, "ngoai3")
    assert period.title not in client.get(reverse("reports:list")).content.decode()


def test_unit_comments_on_the_draft(client, period, office, demo):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    services.draft_consolidate(period=period, by=office)
    login(client, "baocao")
    response = client.post(
        reverse("reports:comment_add", args=[period.pk]),
        {"version": 1, "text": "Đơn vị đề nghị sửa số liệu"},
        follow=True,
    )
    assert "Đã gửi góp ý." in response.content.decode()
    comment = period.versions.get().comments.get()
    assert comment.author_unit == demo["lb-btg"]


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice is not installed"
)
def test_pdf_download(office_client, period, office):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    services.draft_consolidate(period=period, by=office)
    from dangvu.core import background

    response = office_client.get(reverse("reports:pdf", args=[period.pk]))
    assert response.status_code == 302  # to the page of the worker's job (core.background)
    background.run_pending()
    response = office_client.get(response["Location"] + "file/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
