"""Issue 17, item 9 for reports: an issued report's pages only read (no edit form is shown; the
services still refuse), and the new-period form has its own labels and warns before opening a
period like one already open, or one that asks no unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from dangvu.reports import services
from dangvu.reports.models import Period
from tests.conftest import login
from tests.reports.conftest import contribution_of, write_and_accept


def _posted(demo: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "committee": demo["lb-qu"].pk, "kind": "nine_months", "year": 2020,
        "cut_off": "state", "due_on": "2020-09-05", "title": "Báo cáo 9 tháng (lần hai)",
        "units": [demo["lb-btg"].pk],
    }  # fmt: skip
    data.update(changes)
    return data


def test_new_period_labels_are_the_periods_own(office_client: Any, demo: Any) -> None:
    page = office_client.get(reverse("reports:create")).content.decode()
    assert "Kỳ báo cáo mới" in page
    assert "Loại kỳ báo cáo" in page
    assert "Tên báo cáo" in page
    assert "Loại hội nghị" not in page
    assert "Chức vụ" not in page
    assert "Vẫn mở kỳ báo cáo" not in page  # no confirmation box before a warning


def test_duplicate_period_is_warned_then_confirmed(
    office_client: Any, demo: Any, period: Period
) -> None:
    url = reverse("reports:create")
    response = office_client.post(url, _posted(demo))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã có kỳ báo cáo cùng loại trong năm này" in page
    assert period.title in page
    assert 'value="Báo cáo 9 tháng (lần hai)"' in page  # what was typed stays
    assert Period.objects.count() == 1
    response = office_client.post(url, _posted(demo, confirmed="on"))
    assert response.status_code == 302
    assert Period.objects.count() == 2


def test_another_quarter_is_no_duplicate(office_client: Any, demo: Any) -> None:
    url = reverse("reports:create")
    first = office_client.post(url, _posted(demo, kind="quarter", number=3, title=""))
    assert first.status_code == 302
    second = office_client.post(url, _posted(demo, kind="quarter", number=4, title=""))
    assert second.status_code == 302
    assert Period.objects.count() == 2


def test_period_without_units_is_warned_then_confirmed(office_client: Any, demo: Any) -> None:
    url = reverse("reports:create")
    response = office_client.post(url, _posted(demo, units=[]))
    assert response.status_code == 200
    assert "Chưa yêu cầu đơn vị nào báo cáo" in response.content.decode()
    assert not Period.objects.exists()
    response = office_client.post(url, _posted(demo, units=[], confirmed="on"))
    assert response.status_code == 302
    assert Period.objects.get().contributions.count() == 0


@pytest.fixture
def issued(period: Period, office: Any) -> Period:
    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {})
    version = services.draft_consolidate(period=period, by=office)
    services.report_issue(
        period=period, version=version, issued_on=dt.date(2020, 10, 1),
        signer_authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
        signer_name="Ngô Mạnh Điềm", by=office,
    )  # fmt: skip
    period.refresh_from_db()
    return period


@pytest.mark.parametrize("username", ["baocao", "truongban", "vanphong"])
def test_issued_contribution_page_only_reads(client: Any, issued: Period, username: str) -> None:
    contribution = contribution_of(issued, "lb-btg")
    login(client, username)
    url = reverse("reports:contribution", args=[contribution.pk])
    page = client.get(url).content.decode()
    assert "<textarea" not in page
    assert 'name="action"' not in page
    assert reverse("reports:upload", args=[contribution.pk]) not in page
    assert reverse("reports:return", args=[contribution.pk]) not in page


def test_a_save_posted_after_issue_is_refused(client: Any, issued: Period) -> None:
    contribution = contribution_of(issued, "lb-btg")
    topic = issued.sections.filter(role="topic").first()
    login(client, "baocao")
    url = reverse("reports:contribution", args=[contribution.pk])
    response = client.post(url, {"action": "save", f"s{topic.pk}-results": "Muộn"})
    assert response.status_code == 422
    assert "đã ban hành" in response.content.decode()
    assert contribution.entries.get().results == "<p>Đoạn của Ban Tuyên giáo.</p>"


@pytest.mark.parametrize("name", ["reports:outline", "reports:draft_edit", "reports:issue"])
def test_editing_pages_lead_back_to_the_issued_report(
    office_client: Any, issued: Period, name: str
) -> None:
    response = office_client.get(reverse(name, args=[issued.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:draft", args=[issued.pk])
    page = response.content.decode()
    assert "không thể thay đổi" in page
    assert "<textarea" not in page  # no comment, answer or edit form on the issued draft


def test_service_still_refuses_after_issue(issued: Period, office: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.outline_update(
            period=issued, sections_text="* Mục mới\n", indicators_text="", by=office
        )
