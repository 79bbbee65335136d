from __future__ import annotations

from typing import Any

from django.test import Client

from dangvu.notifications.enums import NotificationKind
from dangvu.notifications.models import Notification
from tests.factories import UserFactory


def note(
    user: Any, text: str = "Còn 3 ngày đến hạn: Kế hoạch", link: str = "/tasks/"
) -> Notification:
    return Notification.objects.create(
        user=user, kind=NotificationKind.REMINDER_BEFORE, text=text, link=link
    )


def test_list_shows_only_ones_own(client: Client, db: Any) -> None:
    me, other = UserFactory(), UserFactory()
    note(me, "Của tôi")
    note(other, "Của người khác")
    client.force_login(me)

    response = client.get("/notifications/")

    body = response.content.decode()
    assert "Của tôi" in body
    assert "Của người khác" not in body
    assert "1 thông báo chưa đọc." in body


def test_list_query_count_does_not_grow(
    client: Client, db: Any, django_assert_num_queries: Any
) -> None:
    me = UserFactory()
    client.force_login(me)
    for i in range(3):
        note(me, f"Thông báo {i}")
    client.get("/notifications/")  # the first page keeps the CSRF secret in the session
    with django_assert_num_queries(5) as few:
        client.get("/notifications/")
    for i in range(25):
        note(me, f"Thêm {i}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/notifications/")


def test_mark_read_and_open(client: Client, db: Any) -> None:
    me = UserFactory()
    item = note(me, link="/tasks/7/")
    client.force_login(me)

    response = client.post(f"/notifications/{item.pk}/read/", {"open": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/tasks/7/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_someone_elses_notification_is_404(client: Client, db: Any) -> None:
    me, other = UserFactory(), UserFactory()
    theirs = note(other)
    client.force_login(me)

    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_and_badge(client: Client, db: Any) -> None:
    me, other = UserFactory(), UserFactory()
    note(me)
    note(me)
    note(other)
    client.force_login(me)
    assert '<span class="notif-badge" title="2 chưa đọc">2</span>' in (
        client.get("/notifications/badge/").content.decode()
    )

    client.post("/notifications/read-all/")

    assert Notification.objects.filter(user=me, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1
    assert "notif-badge" not in client.get("/notifications/badge/").content.decode()


def test_login_required(client: Client, db: Any) -> None:
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/badge/").status_code == 302
    assert client.get("/notifications/read-all/").status_code in (302, 405)


def test_nav_loads_the_badge_without_a_query(client: Client, db: Any) -> None:
    client.force_login(UserFactory())
    body = client.get("/notifications/").content.decode()
    assert 'hx-get="/notifications/badge/"' in body
