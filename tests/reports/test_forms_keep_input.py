"""Issue 17, item 1: every report form refused for one bad field comes back (not a redirect)
with everything else that was typed, the message beside the bad field, and nothing stored."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from dangvu.reports import services
from dangvu.reports.models import Comment, ContributionEntry, DraftVersion, OutlineTemplate, Period
from tests.conftest import login
from tests.reports.conftest import contribution_of, write_and_accept

REFUSED = (200, 409, 422)


def _soup(response: Any) -> BeautifulSoup:
    assert response.status_code in REFUSED, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _value(soup: BeautifulSoup, name: str) -> str:
    """What the page holds in the named field (input, textarea, select or checked boxes)."""
    element = soup.find(attrs={"name": name})
    assert element is not None, name
    if element.name == "textarea":
        return element.text.removeprefix("\n")  # the newline after <textarea> is not content
    if element.name == "select":
        chosen = element.find("option", selected=True)
        return chosen["value"] if chosen else ""
    return element.get("value", "")


def _error_beside(soup: BeautifulSoup, name: str) -> str:
    """The message shown in the bad field's own box."""
    element = soup.find(attrs={"name": name})
    assert element is not None, name
    box = element.find_parent(class_="has-error")
    assert box is not None, f"{name} is not marked as in error"
    message = box.find(class_="error")
    assert message is not None, f"no message beside {name}"
    assert message.text.strip()
    return message.text.strip()


def test_new_period_keeps_input(office_client: Any, demo: Any) -> None:
    posted = {
        "committee": str(demo["lb-qu"].pk), "kind": "quarter", "year": "abc", "number": "3",
        "cut_off": "calendar", "due_on": "2020-10-05", "title": "Báo cáo quý III thử",
        "units": [str(demo["lb-btg"].pk), str(demo["lb-mttq"].pk)],
    }  # fmt: skip
    soup = _soup(office_client.post(reverse("reports:create"), posted))
    assert _error_beside(soup, "year")
    for name in ("committee", "kind", "number", "cut_off", "due_on", "title"):
        assert _value(soup, name) == posted[name], name
    boxes = soup.find_all("input", attrs={"name": "units"}, checked=True)
    checked = {box["value"] for box in boxes}
    assert checked == set(posted["units"])
    assert not Period.objects.exists()


def test_outline_keeps_input(office_client: Any, period: Period) -> None:
    posted = {
        "sections_text": "A\n      B\n",
        "indicators_text": "Chỉ tiêu mới | người",
        "save_as_template": "Mẫu thử",
    }
    soup = _soup(office_client.post(reverse("reports:outline", args=[period.pk]), posted))
    assert "Dòng 2" in _error_beside(soup, "sections_text")
    assert _value(soup, "sections_text").strip() == posted["sections_text"].strip()
    assert _value(soup, "indicators_text").strip() == posted["indicators_text"]
    assert _value(soup, "save_as_template") == posted["save_as_template"]
    assert not OutlineTemplate.objects.filter(name="Mẫu thử").exists()
    assert not period.indicators.filter(name="Chỉ tiêu mới").exists()


def test_asking_units_with_none_chosen_comes_back(office_client: Any, period: Period) -> None:
    response = office_client.post(reverse("reports:request", args=[period.pk]), {"units": []})
    soup = _soup(response)
    assert response.status_code == 422
    assert "ít nhất một đơn vị" in _error_beside(soup, "units")
    assert soup.find("details", open=True) is not None  # the form is shown open


def test_contribution_keeps_every_section_and_figure(client: Any, period: Period) -> None:
    contribution = contribution_of(period, "lb-btg")
    login(client, "baocao")
    url = reverse("reports:contribution", args=[contribution.pk])
    form = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    topics = period.sections.filter(role="topic")
    indicators = list(period.indicators.all())
    assert len(indicators) >= 2
    posted: dict[str, str] = {"base_token": _value(form, "base_token"), "action": "save"}
    for section in topics:
        for part in ("results", "shortcomings", "tasks"):
            posted[f"s{section.pk}-{part}"] = f"{part} của mục {section.pk}"
    bad, *good = indicators
    posted[f"i{bad.pk}"] = "abc"
    for number, indicator in enumerate(good, start=1):
        posted[f"i{indicator.pk}"] = str(number)
    response = client.post(url, posted)
    assert response.status_code == 422
    soup = _soup(response)
    assert bad.name in _error_beside(soup, f"i{bad.pk}")
    for name, value in posted.items():
        if name not in ("action", "base_token"):
            assert _value(soup, name) == value, name
    assert not ContributionEntry.objects.filter(contribution=contribution).exists()
    assert not contribution.values.exists()


def test_office_return_without_reason_comes_back(office_client: Any, period: Period) -> None:
    contribution = write_and_accept(period, "lb-btg", "Đoạn.", {})
    url = reverse("reports:return", args=[contribution.pk])
    response = office_client.post(url, {"reason": " "})
    assert response.status_code == 422
    assert _error_beside(_soup(response), "reason")
    contribution.refresh_from_db()
    assert contribution.status == "accepted"


@pytest.mark.parametrize("kind", ["file", "docx"])
def test_refused_file_is_named_beside_its_input(client: Any, period: Period, kind: str) -> None:
    contribution = contribution_of(period, "lb-btg")
    login(client, "baocao")
    upload = io.BytesIO(b"MZ not a document")
    upload.name = "x.exe" if kind == "file" else "x.docx"
    response = client.post(
        reverse("reports:upload", args=[contribution.pk]), {"kind": kind, "file": upload}
    )
    assert response.status_code == 422
    soup = _soup(response)
    boxes = [box for box in soup.find_all(class_="has-error") if box.find(attrs={"name": "file"})]
    assert len(boxes) == 1  # only the form that was sent
    assert boxes[0].find(class_="error").text.strip()
    assert not contribution.attachments.exists()
    assert not contribution.imports.exists()


@pytest.fixture
def draft(period: Period, office: Any) -> DraftVersion:
    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {})
    return services.draft_consolidate(period=period, by=office)


def test_comment_keeps_input(client: Any, period: Period, draft: DraftVersion) -> None:
    login(client, "baocao")
    topic = period.sections.filter(role="topic").first()
    posted = {
        "version": str(draft.number), "section": str(topic.pk), "passage": "Đoạn trích",
        "text": "", "author_name": "Đại biểu B",
    }  # fmt: skip
    response = client.post(reverse("reports:comment_add", args=[period.pk]), posted)
    assert response.status_code == 422
    soup = _soup(response).find(id="comment-form")
    assert _error_beside(soup, "text")
    for name in ("section", "passage", "author_name"):
        assert _value(soup, name).strip() == posted[name], name
    assert not Comment.objects.exists()


def test_answer_keeps_input(
    office_client: Any, period: Period, draft: DraftVersion, office: Any
) -> None:
    comment = services.comment_add(version=draft, text="Góp ý", by=office)
    other = services.comment_add(version=draft, text="Góp ý khác", by=office)
    url = reverse("reports:comment_answer", args=[period.pk, comment.pk])
    response = office_client.post(url, {"status": "", "answer": "Đã bổ sung ở mục 2"})
    assert response.status_code == 422
    soup = _soup(response)
    box = soup.find("form", action=url)
    assert box is not None
    assert _error_beside(box, "status")
    assert _value(box, "answer") == "Đã bổ sung ở mục 2"
    other_box = soup.find("form", action=reverse(
        "reports:comment_answer", args=[period.pk, other.pk]))  # fmt: skip
    assert _value(other_box, "answer") == ""  # only the refused answer is kept
    comment.refresh_from_db()
    assert comment.status == "open"


def test_draft_edit_keeps_input(office_client: Any, period: Period, draft: DraftVersion) -> None:
    posted = {"base_version": str(draft.number), "note": "x" * 301}
    for section in draft.body:
        posted[f"section-{section['section']}"] = f"Văn bản mới mục {section['section']}"
    response = office_client.post(reverse("reports:draft_edit", args=[period.pk]), posted)
    assert response.status_code == 422
    soup = _soup(response)
    assert _error_beside(soup, "note")
    for section in draft.body:
        name = f"section-{section['section']}"
        assert _value(soup, name).strip() == posted[name], name
    assert period.versions.count() == 1


def test_issue_keeps_input(office_client: Any, period: Period, draft: DraftVersion) -> None:
    posted = {
        "issued_on": "không phải ngày", "signer_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ", "signer_name": "Ngô Mạnh Điềm",
        "recipients": "Thành ủy\nLưu VP", "empty_headings_confirmed": "on",
    }  # fmt: skip
    soup = _soup(office_client.post(reverse("reports:issue", args=[period.pk]), posted))
    assert _error_beside(soup, "issued_on")
    for name in ("signer_authority", "signer_title", "signer_name"):
        assert _value(soup, name) == posted[name], name
    assert _value(soup, "recipients").strip() == posted["recipients"]
    period.refresh_from_db()
    assert getattr(period, "issued", None) is None
