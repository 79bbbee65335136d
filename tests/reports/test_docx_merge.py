"""Issue 17, item 2 (the Word import): the page shows what a document would replace before
anything changes, applying merges by section (only the parts the document has text for, only
the sections ticked), and paragraphs under a "Hạn chế, khuyết điểm" sub-heading are kept."""

from __future__ import annotations

import io
from typing import Any

from bs4 import BeautifulSoup
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.reports import services
from dangvu.reports.models import Contribution, Period
from tests.conftest import login
from tests.reports.conftest import contribution_of

TT = "Công tác chính trị, tư tưởng"
DV = "Công tác dân vận"


def _topics(period: Period) -> dict[str, Any]:
    return {s.title: s for s in period.sections.filter(role="topic")}


def _written(period: Period) -> Contribution:
    """What the reporter typed before reading a Word file in."""
    topics = _topics(period)
    contribution = contribution_of(period, "lb-btg")
    services.contribution_save(
        contribution=contribution,
        entries={
            topics[TT].pk: {
                "results": "Đã gõ kết quả",
                "shortcomings": "Đã gõ hạn chế",
                "tasks": "",
            },
            topics[DV].pk: {"results": "Đã gõ dân vận", "shortcomings": "", "tasks": ""},
        },
        values={},
        by=User.objects.get(username="baocao"),
    )
    return contribution


def _upload(client: Any, contribution: Contribution, data: bytes) -> Any:
    upload = io.BytesIO(data)
    upload.name = "bao-cao.docx"
    url = reverse("reports:upload", args=[contribution.pk])
    return client.post(url, {"kind": "docx", "file": upload})


def test_shortcomings_subheading_is_not_dropped(period: Period, docx_bytes: Any) -> None:
    topics = _topics(period)
    contribution = contribution_of(period, "lb-btg")
    data = docx_bytes([
        ("h", f"1. {TT}"), ("p", "Quán triệt nghị quyết."),
        ("h", "Hạn chế, khuyết điểm"), ("p", "Còn chậm."), ("p", "Chưa sâu."),
        ("h", "Nhiệm vụ kỳ tới"), ("p", "Tiếp tục quán triệt."),
    ])  # fmt: skip
    imported = services.contribution_import_docx(
        contribution=contribution, name="x.docx", data=data, by=User.objects.get(username="baocao")
    )
    assert imported.sections == {
        str(topics[TT].pk): {
            "results": ["Quán triệt nghị quyết."],
            "shortcomings": ["Còn chậm.", "Chưa sâu."],
            "tasks": ["Tiếp tục quán triệt."],
        }
    }


def test_plain_subheading_line_routes_the_paragraphs(period: Period, docx_bytes: Any) -> None:
    topics = _topics(period)
    contribution = contribution_of(period, "lb-btg")
    data = docx_bytes([("h", TT), ("p", "Kết quả tốt."), ("p", "Hạn chế:"), ("p", "Còn chậm.")])
    imported = services.contribution_import_docx(
        contribution=contribution, name="x.docx", data=data, by=User.objects.get(username="baocao")
    )
    assert imported.sections[str(topics[TT].pk)]["shortcomings"] == ["Còn chậm."]


def test_page_shows_what_would_be_replaced_and_changes_nothing(
    client: Any, period: Period, docx_bytes: Any
) -> None:
    contribution = _written(period)
    login(client, "baocao")
    response = _upload(client, contribution, docx_bytes([("h", TT), ("p", "Kết quả từ Word.")]))
    assert response.status_code == 302
    page = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser")
    review = page.find(id="import-review")
    assert review is not None
    text = review.get_text(" ")
    assert "Nội dung hiện có" in text
    assert "Đã gõ kết quả" in text  # what would be replaced
    assert "Kết quả từ Word." in text
    assert "Đã gõ hạn chế" not in text  # not touched by this document: not listed
    assert contribution.entries.get(section=_topics(period)[TT]).results == "<p>Đã gõ kết quả</p>"


def test_apply_merges_by_section_and_part(client: Any, period: Period, docx_bytes: Any) -> None:
    contribution = _written(period)
    topics = _topics(period)
    login(client, "baocao")
    _upload(client, contribution, docx_bytes([("h", TT), ("p", "Kết quả từ Word.")]))
    imported = contribution.imports.get()
    url = reverse("reports:import_review", args=[contribution.pk, imported.pk])
    posted = {"action": "apply", "choosing": "True", "sections": [topics[TT].pk]}
    assert client.post(url, posted).status_code == 302
    tt = contribution.entries.get(section=topics[TT])
    assert tt.results == "<p>Kết quả từ Word.</p>"
    assert tt.shortcomings == "<p>Đã gõ hạn chế</p>"  # the document had none: kept
    dv = contribution.entries.get(section=topics[DV])
    assert dv.results == "<p>Đã gõ dân vận</p>"  # not in the document: kept


def test_only_the_ticked_sections_are_taken(client: Any, period: Period, docx_bytes: Any) -> None:
    contribution = _written(period)
    topics = _topics(period)
    login(client, "baocao")
    data = docx_bytes([("h", TT), ("p", "TT từ Word."), ("h", DV), ("p", "DV từ Word.")])
    _upload(client, contribution, data)
    imported = contribution.imports.get()
    url = reverse("reports:import_review", args=[contribution.pk, imported.pk])
    none = client.post(url, {"action": "apply", "choosing": "True"})
    assert none.status_code == 422
    assert "Chọn ít nhất một mục" in none.content.decode()
    imported.refresh_from_db()
    assert imported.status == "pending"
    client.post(url, {"action": "apply", "choosing": "True", "sections": [topics[DV].pk]})
    assert contribution.entries.get(section=topics[TT]).results == "<p>Đã gõ kết quả</p>"
    assert contribution.entries.get(section=topics[DV]).results == "<p>DV từ Word.</p>"
