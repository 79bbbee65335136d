"""The fifth role's journey (issue 17), at 1366 px and 390 px: a conference's delegate — entrusted
by the chair with its record — finds the conference in "Việc cần làm", records that it was held
and writes the minutes in the rich-text editor; nothing scrolls sideways on the phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dangvu.meetings import services as meeting_services
from dangvu.meetings.enums import ConferenceKind, ConferenceState
from dangvu.meetings.models import Conference
from tests.browser.test_role_journeys import WIDTHS, Visit, World, account, screen, world

__all__ = ["screen", "world"]  # the fixtures of the role journeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_delegate_writes_the_minutes_of_the_conference_entrusted_to_them(
    screen: Any, world: World
) -> None:
    office, delegate = account("vanphong"), account("phuongbode")
    conference = meeting_services.conference_create(
        committee=world.orgs["lb-qu"],
        kind=ConferenceKind.BRIEFING,
        title="Giao ban công tác tuyên giáo tháng 11",
        starts_at=timezone.now() + dt.timedelta(hours=2),
        by=office,
    )
    meeting_services.agenda_item_add(
        conference=conference, title="Kết quả tuyên truyền Đại hội", by=office
    )
    meeting_services.conference_delegates_set(conference=conference, users=[delegate], by=office)

    visit = Visit(screen, world.base)
    visit.sign_in("phuongbode")
    todo = visit.todo().get_by_role("region", name="Hội nghị cần chuẩn bị")
    todo.get_by_role("link", name=conference.title).click()
    screen.wait_for_url(f"**/meetings/{conference.pk}/")
    visit.settled()

    screen.get_by_role("button", name="Ghi nhận đã họp").click()
    screen.get_by_role("link", name="Biên bản").first.click()
    editors = screen.locator(".richtext-editor .ProseMirror")
    editors.nth(1).wait_for()
    visit.settled()
    editors.nth(0).fill("Các đại biểu thống nhất đánh giá kết quả tuyên truyền.")
    screen.get_by_label("Loại kết quả").select_option(label="Quyết định")
    editors.nth(1).fill("Giao Ban Tuyên giáo tổng hợp trước 30/11.")
    screen.get_by_role("button", name="Lưu").click()
    screen.get_by_text("Đã lưu biên bản.").first.wait_for()
    visit.settled()

    item = Conference.objects.get(pk=conference.pk).agenda.get()
    assert item.discussion == "<p>Các đại biểu thống nhất đánh giá kết quả tuyên truyền.</p>"
    assert item.outcome == "<p>Giao Ban Tuyên giáo tổng hợp trước 30/11.</p>"
    assert Conference.objects.get(pk=conference.pk).state == ConferenceState.HELD
    assert screen.locator(f"#item-{item.pk} .richtext p").first.inner_text() == (
        "Các đại biểu thống nhất đánh giá kết quả tuyên truyền."
    )
    for path in ("/", f"/meetings/{conference.pk}/"):
        visit.go(path)
    visit.fits_the_phone()
