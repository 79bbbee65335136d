# ruff: noqa: F811  (the fixtures imported from test_conclusion_sources are parameters here)
"""Issue 12, "one road": a .docx conclusion goes the whole way a pasted one goes (read into the
items, saved, the same review screen prefilled, all tasks made complete and traced to their
items), and a typed one too. Fixtures are our own (tests.meetings.test_conclusion_sources)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangvu.assignments.checks import six_clear_gaps
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from tests.assignments.test_conclusion_import import review_post
from tests.meetings.test_conclusion_sources import (  # noqa: F401  (fixtures)
    NOTICE,
    _docx,
    demo,
    editor,
    review,
    was_held,
)

pytestmark = pytest.mark.django_db


def _through_the_review(client: Client, conference: Conference, preamble: str, items: str) -> None:
    saved = client.post(editor(conference), {"preamble": preamble, "items": items, "to_tasks": "1"})
    assert saved.status_code == 302
    assert saved["Location"] == review(conference)
    page = client.get(review(conference))
    made = client.post(review(conference), review_post(page))
    assert made.status_code == 302


def test_a_docx_conclusion_becomes_complete_tasks_through_the_same_review(
    office_client: Client,
    was_held: Conference,
    demo: dict[str, Organisation],
) -> None:
    upload = SimpleUploadedFile("ket-luan.docx", _docx(NOTICE.splitlines()))
    read = office_client.post(editor(was_held), {"source_file": upload, "preamble": ""})
    form = read.context["form"]

    page_rows_before = office_client.get(review(was_held)).status_code
    _through_the_review(office_client, was_held, form["preamble"].value(), form["items"].value())

    assert page_rows_before == 404  # nothing saved until the office saves what was read
    items = list(was_held.conclusion.items.order_by("number").select_related("task"))
    tasks = [item.task for item in items]
    assert [t.lead_unit_id for t in tasks if t] == [demo["lb-btc"].pk, demo["lb-btg"].pk]
    assert tasks[0] is not None
    assert tasks[0].deadline == dt.date(2021, 1, 15)
    assert all(t is not None and six_clear_gaps(t) == [] for t in tasks)
    assert all(t is not None and t.authority == demo["lb-qu"] for t in tasks)


def test_a_typed_conclusion_takes_the_same_road(
    office_client: Client,
    was_held: Conference,
    demo: dict[str, Organisation],
) -> None:
    items = (
        "1. Ban Tổ chức Quận ủy chủ trì, phối hợp UBKT Quận ủy hoàn thiện báo cáo công tác cán "
        "bộ, trước ngày 15/01/2021.\n"
        "2. Ban Tuyên giáo Quận ủy xây dựng kế hoạch tuyên truyền đại hội, xong trong tháng "
        "11/2020."
    )

    _through_the_review(office_client, was_held, "", items)

    tasks = [item.task for item in was_held.conclusion.items.order_by("number")]
    assert all(t is not None and six_clear_gaps(t) == [] for t in tasks)
    assert tasks[0] is not None
    assert list(tasks[0].coordinating_units.values_list("pk", flat=True)) == [demo["lb-ubkt"].pk]
