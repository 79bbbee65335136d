"""Optimistic locking of a period's outline (đề cương): two office staff editing it at once; the
second save answers 409 with who saved and which lines differ, keeps what was typed, and writes
nothing; saving again after reading overwrites on purpose."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.locking import EditConflict
from dangvu.reports import services
from dangvu.reports.models import Period
from tests.conftest import login


def _token(page: str) -> str:
    match = re.search(r'name="base_token" value="([^"]*)"', page)
    assert match is not None
    return match.group(1)


def test_second_save_of_an_outline_gets_409(period: Period) -> None:
    url = reverse("reports:outline", args=[period.pk])
    first, second = Client(), Client()
    login(first, "vanphong")
    login(second, "vanphong")  # two tabs, or two people of the office
    token = _token(first.get(url).content.decode())
    assert token == _token(second.get(url).content.decode()) != ""

    response = first.post(
        url,
        {"sections_text": "* Mục của người thứ nhất\n", "indicators_text": "", "base_token": token},
    )
    assert response.status_code == 302
    response = second.post(
        url,
        {"sections_text": "* Mục của người thứ hai\n", "indicators_text": "", "base_token": token},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mục của người thứ hai" in page  # what was typed is kept
    assert "Mục của người thứ nhất" in page  # what differs: the line the first one saved
    assert "đã lưu lúc" in page or "saved it at" in page  # who saved, and when
    assert list(period.sections.values_list("title", flat=True)) == ["Mục của người thứ nhất"]
    # The page now carries the saved version: saving again overwrites on purpose.
    fresh = _token(page)
    assert fresh != token
    response = second.post(
        url,
        {"sections_text": "* Mục của người thứ hai\n", "indicators_text": "", "base_token": fresh},
    )
    assert response.status_code == 302
    assert list(period.sections.values_list("title", flat=True)) == ["Mục của người thứ hai"]


def test_outline_service_refuses_a_stale_token(period: Period) -> None:
    office = User.objects.get(username="vanphong")
    stale = services.outline_token(period)
    services.outline_update(
        period=period, sections_text="* Một\n", indicators_text="X | cái", by=office,
        base_token=stale,
    )  # fmt: skip
    with pytest.raises(EditConflict) as caught:
        services.outline_update(
            period=period, sections_text="* Hai\n", indicators_text="", by=office,
            base_token=stale,
        )  # fmt: skip
    assert any("Một" in part for part in caught.value.changed)
    assert list(period.sections.values_list("title", flat=True)) == ["Một"]
    # without a token (a script, an older form) nothing is checked
    services.outline_update(period=period, sections_text="* Hai\n", indicators_text="", by=office)
    assert list(period.sections.values_list("title", flat=True)) == ["Hai"]
