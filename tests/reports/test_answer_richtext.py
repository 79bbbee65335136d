"""The office answers a comment in the rich-text editor: paragraphs and lists are kept (nothing
else), shown as such on the draft page; an empty editor is no answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.reports import services
from dangvu.reports.models import DraftVersion, Period
from tests.reports.conftest import write_and_accept


@pytest.fixture
def draft(period: Period, office: Any) -> DraftVersion:
    write_and_accept(period, "lb-btg", "Đoạn của Ban Tuyên giáo.", {})
    return services.draft_consolidate(period=period, by=office)


def test_the_answer_box_is_the_rich_text_editor(
    office_client: Any, period: Period, draft: DraftVersion, office: Any
) -> None:
    services.comment_add(version=draft, text="Góp ý", by=office)
    html = office_client.get(reverse("reports:draft", args=[period.pk])).content.decode()
    assert 'name="answer"' in html
    answer_box = html[html.index('name="answer"') - 200 : html.index('name="answer"') + 50]
    assert "data-richtext" in answer_box
    assert "dangvu/js/richtext.js" in html


def test_answer_keeps_paragraphs_and_lists_only(
    office_client: Any, period: Period, draft: DraftVersion, office: Any
) -> None:
    comment = services.comment_add(version=draft, text="Góp ý", by=office)
    response = office_client.post(
        reverse("reports:comment_answer", args=[period.pk, comment.pk]),
        {
            "status": "explained",
            "answer": '<p onclick="x()">Giữ nguyên vì:</p><ul><li><p><em>số liệu</em> đã '
            "rà soát;</p></li><li><p>đúng hướng dẫn.</p></li></ul><script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answer == (
        "<p>Giữ nguyên vì:</p><ul><li><p>số liệu đã rà soát;</p></li>"
        "<li><p>đúng hướng dẫn.</p></li></ul>"
    )
    html = office_client.get(reverse("reports:draft", args=[period.pk])).content.decode()
    assert "<li><p>đúng hướng dẫn.</p></li>" in html
    assert "&lt;p&gt;" not in html
    assert "alert(1)" not in html


def test_an_empty_editor_is_no_answer(period: Period, draft: DraftVersion, office: Any) -> None:
    comment = services.comment_add(version=draft, text="Góp ý", by=office)
    with pytest.raises(ValidationError) as refused:
        services.comment_answer(comment=comment, status="accepted", answer="<p> </p>", by=office)
    assert "answer" in refused.value.message_dict


def test_a_comment_written_as_a_list_keeps_its_markers() -> None:
    from dangvu.reports.forms import CommentForm

    form = CommentForm(
        data={"text": "<p>Đề nghị bổ sung:</p><ol><li><p>số liệu</p></li><li>nguồn</li></ol>"},
        sections=[],
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "Đề nghị bổ sung:\n1. số liệu\n2. nguồn"
