"""Issue 10: the account services decide who may write, like every other service. A secret
(an API token, a calendar address) is made only by the account's owner; an administrator of
the site only by another; the page of locked accounts is the office's. And every secret dies
with a password changed by any road (the form is tested in test_security.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from dangvu.accounts import services, throttle
from dangvu.accounts.models import ApiToken, CalendarFeed, User
from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org.enums import Role
from tests.factories import OrganisationFactory, UserFactory, member


@pytest.fixture
def people(db: Any) -> dict[str, User]:
    ward = OrganisationFactory(name="Đảng ủy phường A")
    return {
        "office": member(ward, Role.OFFICE, username="vp-a"),
        "reporter": member(ward, Role.REPORTER, username="cb-a"),
        "nobody": UserFactory(username="khong-vai-tro"),
    }


def test_nobody_makes_a_token_or_a_calendar_address_for_someone_else(
    people: dict[str, User],
) -> None:
    office, reporter = people["office"], people["reporter"]
    with pytest.raises(PermissionDenied, match="chủ tài khoản"):
        services.api_token_create(user=reporter, name="hộ", by=office)
    with pytest.raises(PermissionDenied, match="chủ tài khoản"):
        services.calendar_feed_regenerate(user=reporter, by=office)
    assert not ApiToken.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert not AuditEntry.objects.filter(
        action__in=["api_token.create", "calendar_feed.regenerate"]
    )
    _token, secret = services.api_token_create(user=reporter, name="của tôi", by=reporter)
    assert services.api_token_authenticate(secret) == reporter
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.actor == reporter


def test_only_a_superuser_makes_a_superuser(people: dict[str, User]) -> None:
    with pytest.raises(PermissionDenied, match="quản trị"):
        services.user_create(
            username="qt-1", password="mat-khau-dai-2026", is_superuser=True, by=people["office"]
        )
    with pytest.raises(PermissionDenied):
        services.user_create(username="qt-2", password="mat-khau-dai-2026", by=people["nobody"])
    assert not User.objects.filter(username__startswith="qt-").exists()
    plain = services.user_create(username="qt-3", password="mat-khau-dai-2026", by=people["office"])
    assert not plain.is_superuser
    site_admin = UserFactory(username="quan-tri", is_superuser=True)
    made = services.user_create(
        username="qt-4", password="mat-khau-dai-2026", is_superuser=True, by=site_admin
    )
    assert made.is_superuser
    assert services.user_create(
        username="qt-5", password="mat-khau-dai-2026", is_superuser=True, by=SYSTEM
    ).is_superuser


def test_the_locked_accounts_page_is_the_offices(people: dict[str, User]) -> None:
    for who, status in [("office", 200), ("reporter", 403), ("nobody", 403)]:
        client = Client()
        client.force_login(people[who])
        assert client.get(reverse("accounts:lockouts")).status_code == status, who
        profile = client.get(reverse("accounts:profile")).content.decode()
        assert (reverse("accounts:lockouts") in profile) == (status == 200), who
    with pytest.raises(PermissionDenied):
        throttle.lockouts_for(by=people["reporter"])


def _secrets_of(user: User) -> tuple[str, str]:
    _token, token = services.api_token_create(user=user, name="máy", by=user)
    feed = services.calendar_feed_regenerate(user=user, by=user)
    return token, feed


def _dead(user: User, token: str, feed: str) -> bool:
    return (
        services.api_token_authenticate(token) is None
        and services.calendar_feed_user(feed) is None
        and not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    )


def test_secrets_die_with_a_password_set_by_a_command(people: dict[str, User]) -> None:
    user = people["reporter"]
    token, feed = _secrets_of(user)
    user.set_password("mat-khau-moi-2026")
    user.save()
    assert _dead(user, token, feed)
    assert AuditEntry.objects.filter(action="user.password_change", object_id=str(user.pk)).exists()


def test_secrets_die_with_a_password_set_in_the_admin(people: dict[str, User]) -> None:
    user = people["reporter"]
    token, feed = _secrets_of(user)
    admin = Client()
    admin.force_login(UserFactory(username="quan-tri", is_superuser=True, is_staff=True))
    response = admin.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert _dead(user, token, feed)


def test_secrets_die_with_a_password_reset(people: dict[str, User]) -> None:
    user = people["reporter"]
    token, feed = _secrets_of(user)
    from dangvu.org.services.accounts import account_setup_link

    client = Client()
    form = client.get(account_setup_link(user), follow=True)  # the link sets the session token
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    assert _dead(user, token, feed)


def test_untouched_secrets_survive_other_saves(people: dict[str, User]) -> None:
    user = people["reporter"]
    token, feed = _secrets_of(user)
    user.full_name = "Tên mới"
    user.save()
    assert services.api_token_authenticate(token) == user
    assert services.calendar_feed_user(feed) == user


# --- behind a proxy ---------------------------------------------------------------------------

PROXY = "127.0.0.1"


def _through_proxy(forwarded: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_behind_a_proxy_one_guesser_does_not_lock_everybody_out(
    people: dict[str, User], settings: Any
) -> None:
    settings.DANGVU_PROXY_COUNT = 1
    login = reverse("accounts:login")
    guesser = _through_proxy("10.1.1.1")
    for n in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        guesser.post(login, {"username": f"ai-do-{n}", "password": "sai"})
    right = {"username": "cb-a", "password": "mat-khau-thu"}
    assert guesser.post(login, right).status_code == 429
    # Writing someone else's address in front of its own changes nothing for the guesser.
    assert _through_proxy("10.2.2.2, 10.1.1.1").post(login, right).status_code == 429
    # Another person behind the same proxy signs in.
    assert _through_proxy("10.2.2.2").post(login, right).status_code == 302
    page = Client()
    page.force_login(UserFactory(username="quan-tri", is_superuser=True))
    assert "10.1.1.1" in page.get(reverse("accounts:lockouts")).content.decode()


def test_without_a_proxy_the_forwarded_header_is_ignored(
    people: dict[str, User], settings: Any
) -> None:
    assert settings.DANGVU_PROXY_COUNT == 0
    login = reverse("accounts:login")
    for n in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        _through_proxy(f"10.3.3.{n}").post(login, {"username": f"ai-do-{n}", "password": "sai"})
    right = {"username": "cb-a", "password": "mat-khau-thu"}
    assert _through_proxy("10.9.9.9").post(login, right).status_code == 429


def test_wrong_calendar_secrets_lock_the_address_too(
    people: dict[str, User], settings: Any
) -> None:
    feed = services.calendar_feed_regenerate(user=people["office"], by=people["office"])
    url = reverse("meetings:ics")
    guesser = Client(REMOTE_ADDR="10.0.0.6")
    for n in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        assert guesser.get(url, {"feed": f"dvc_doan-{n}"}).status_code == 302  # to the login
    locked = guesser.get(url, {"feed": feed})
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert Client().get(url, {"feed": feed}).status_code == 200  # another address
