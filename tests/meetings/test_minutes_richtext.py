"""The minutes are rich text: the form offers the editor, the service keeps only paragraphs and
lists, the conference page shows them as such and the biên bản prints each paragraph and each
list item (bulleted "- ", numbered "1.") on its own line."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from dangvu.meetings import services
from dangvu.meetings.enums import OutcomeKind
from dangvu.meetings.models import Conference
from tests.meetings.conftest import held
from tests.meetings.test_papers import docx_text

DISCUSSION = (
    "<p>Các đại biểu <strong>thống nhất</strong> đánh giá:</p><script>alert(1)</script>"
    "<ul><li><p>Công tác tuyên truyền được đẩy mạnh;</p></li>"
    '<li><p style="color:red">Việc sơ kết còn chậm.</p></li></ul>'
)
OUTCOME = (
    "<ol><li><p>Giao Ban Tuyên giáo xây dựng kế hoạch.</p></li><li>Báo cáo trước 30/10.</li></ol>"
)


def test_minutes_form_has_the_rich_text_editor(
    office_client: Client, conference: Conference, office: object
) -> None:
    held(conference, office)
    item = conference.agenda.get()
    page = office_client.get(reverse("meetings:minutes", args=[conference.pk, item.pk]))
    html = page.content.decode()
    assert html.count("data-richtext") == 2  # the discussion and the outcome
    assert "dangvu/js/richtext.js" in html


def test_minutes_are_sanitised_shown_and_printed_with_their_lists(
    office_client: Client, conference: Conference, office: object
) -> None:
    held(conference, office)
    item = conference.agenda.get()
    response = office_client.post(
        reverse("meetings:minutes", args=[conference.pk, item.pk]),
        {
            "discussion": DISCUSSION,
            "outcome_kind": OutcomeKind.DECISION,
            "outcome": OUTCOME,
            "base_revision": "0",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion == (
        "<p>Các đại biểu thống nhất đánh giá:</p>"
        "<ul><li><p>Công tác tuyên truyền được đẩy mạnh;</p></li>"
        "<li><p>Việc sơ kết còn chậm.</p></li></ul>"
    )
    assert item.revisions.get().discussion == item.discussion

    detail = office_client.get(reverse("meetings:detail", args=[conference.pk])).content.decode()
    assert "<li><p>Việc sơ kết còn chậm.</p></li>" in detail
    assert "&lt;p&gt;" not in detail
    assert "<script>alert" not in detail

    paper = office_client.get(reverse("meetings:paper", args=[conference.pk, "bien-ban"]))
    paragraphs, _tables = docx_text(paper.content)
    at = paragraphs.index("Các đại biểu thống nhất đánh giá:")
    assert paragraphs[at + 1 : at + 3] == [
        "- Công tác tuyên truyền được đẩy mạnh;",
        "- Việc sơ kết còn chậm.",
    ]
    at = paragraphs.index("1. Giao Ban Tuyên giáo xây dựng kế hoạch.")
    assert paragraphs[at + 1] == "2. Báo cáo trước 30/10."
    assert not any("<" in p for p in paragraphs)


def test_plain_minutes_still_print_one_paragraph_per_line(
    office_client: Client, conference: Conference, office: object
) -> None:
    """Minutes typed before the editor, or sent as plain lines through a script."""
    held(conference, office)
    item = conference.agenda.get()
    services.minutes_record(
        item=item,
        discussion="Dòng thứ nhất.\nDòng thứ hai.",
        outcome_kind=OutcomeKind.DECISION,
        outcome="Thống nhất.",
        by=office,
    )
    paper = office_client.get(reverse("meetings:paper", args=[conference.pk, "bien-ban"]))
    paragraphs, _tables = docx_text(paper.content)
    at = paragraphs.index("Dòng thứ nhất.")
    assert paragraphs[at + 1] == "Dòng thứ hai."


def test_an_empty_editor_is_no_outcome(conference: Conference, office: object) -> None:
    held(conference, office)
    item = conference.agenda.get()
    services.minutes_record(
        item=item, discussion="<p></p>", outcome_kind="", outcome="<p> </p>", by=office
    )
    item.refresh_from_db()
    assert (item.discussion, item.outcome) == ("", "")
