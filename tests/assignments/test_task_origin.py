"""A task made from a conference's conclusion or an inspection's recommendation links back to
where it came from, on its own page (the demo holds both kinds)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.assignments import selectors
from dangvu.assignments.models import Task
from tests.conftest import login


@pytest.fixture
def office(client: Client, demo_story: Any) -> Client:
    """The demo office, with the whole story (this app's `demo` is the bare tree)."""
    return login(client, "vanphong")


def test_the_task_page_links_to_the_conference_or_inspection_it_came_from(
    office: Client,
) -> None:
    from_conclusion = Task.objects.filter(conclusion_item__isnull=False).first()
    from_inspection = Task.objects.filter(inspection_recommendation__isnull=False).first()
    assert from_conclusion is not None
    assert from_inspection is not None
    conference = from_conclusion.conclusion_item.conclusion.conference
    inspection = from_inspection.inspection_recommendation.inspection

    page = office.get(reverse("assignments:detail", args=[from_conclusion.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<a href="{reverse("meetings:detail", args=[conference.pk])}">' in html
    assert "Xem kết luận hội nghị" in html

    page = office.get(reverse("assignments:detail", args=[from_inspection.pk]))
    html = page.content.decode()
    assert f'<a href="{reverse("inspection:detail", args=[inspection.pk])}">' in html
    assert "Xem cuộc kiểm tra" in html


def test_a_task_typed_by_hand_has_no_origin(demo_story: Any) -> None:
    typed = Task.objects.filter(
        conclusion_item__isnull=True,
        conclusion_item_parts__isnull=True,
        inspection_recommendation__isnull=True,
    ).first()
    assert typed is not None
    assert selectors.task_origin(typed) is None
