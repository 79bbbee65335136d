"""Issue 10: tokens done right, the sign-in audit and throttling. A small world of factories."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts import throttle
from dangvu.accounts.models import ApiToken
from dangvu.accounts.services import api_token_create
from dangvu.core.models import AuditEntry
from dangvu.meetings.models import Conference
from dangvu.org.enums import Role
from dangvu.org.models import Membership
from tests.factories import OrganisationFactory, UserFactory

PASSWORD = "mat-khau-thu"


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    city = OrganisationFactory(name="Thành ủy")
    ward = OrganisationFactory(name="Đảng ủy phường A", parent=city)
    other = OrganisationFactory(name="Đảng ủy phường B", parent=city)
    office = UserFactory(username="vp-a")
    Membership.objects.create(user=office, organisation=ward, role=Role.OFFICE)
    member = UserFactory(username="cb-a")
    Membership.objects.create(user=member, organisation=ward, role=Role.REPORTER)
    stranger = UserFactory(username="cb-b")
    Membership.objects.create(user=stranger, organisation=other, role=Role.REPORTER)
    return {"ward": ward, "office": office, "member": member, "stranger": stranger}


def conference_payload(world: dict[str, Any]) -> str:
    return json.dumps(
        {
            "committee_id": world["ward"].pk,
            "kind": "briefing",
            "title": "Giao ban",
            "starts_at": "2026-12-10T09:00:00+07:00",
        }
    )


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


# --- tokens ------------------------------------------------------------------------------------


def test_a_bearer_token_writes_without_csrf_and_a_session_needs_it(world: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    _token, secret = api_token_create(user=world["office"], name="tích hợp", by=world["office"])
    url = "/api/meetings/conferences"
    response = client.post(
        url, conference_payload(world), content_type="application/json", headers=bearer(secret)
    )
    assert response.status_code == 201, response.content
    # A session is still held to CSRF, and a self-chosen cookie and header do not pass.
    client.force_login(world["office"])
    response = client.post(url, conference_payload(world), content_type="application/json")
    assert response.status_code == 403
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(
        url,
        conference_payload(world),
        content_type="application/json",
        headers={"X-CSRFToken": "a" * 32},
    )
    assert response.status_code == 403
    assert Conference.objects.count() == 1


def test_tokens_expire(world: dict[str, Any]) -> None:
    token, secret = api_token_create(user=world["office"], name="cũ", by=world["office"])
    assert token.expires_at is not None
    lifetime = token.expires_at - token.created_at
    assert dt.timedelta(days=89) < lifetime <= dt.timedelta(days=90)
    client = Client()
    assert client.get("/api/meetings/conferences", headers=bearer(secret)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/meetings/conferences", headers=bearer(secret)).status_code == 401


def test_tokens_are_listed_revoked_and_die_with_the_password(world: dict[str, Any]) -> None:
    office = world["office"]
    client = Client()
    client.force_login(office)
    client.post(reverse("accounts:profile"), {"name": "máy A"})
    client.post(reverse("accounts:profile"), {"name": "máy B"})
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "máy A" in page
    assert "máy B" in page
    first, second = ApiToken.objects.filter(user=office).order_by("pk")
    # Another's token: no such token.
    other = Client()
    other.force_login(world["member"])
    assert other.post(reverse("accounts:token_revoke", args=[first.pk])).status_code == 404
    assert client.post(reverse("accounts:token_revoke", args=[first.pk])).status_code == 302
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert "máy A" not in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mot-mat-khau-moi-2026",
            "new_password2": "mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.revoked_at is not None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"api_token.create", "api_token.revoke", "user.password_change"} <= actions


def test_sign_in_audit(world: dict[str, Any]) -> None:
    client = Client()
    login = reverse("accounts:login")
    client.post(login, {"username": "vp-a", "password": "sai"})
    client.post(login, {"username": "khong-co-ai", "password": "sai"})
    assert client.post(login, {"username": "vp-a", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    entries = list(
        AuditEntry.objects.filter(action__startswith="user.")
        .order_by("pk")
        .values_list("action", "object_repr")
    )
    assert [a for a, _r in entries] == [
        "user.login_failed",
        "user.login_failed",
        "user.login",
        "user.logout",
    ]
    assert entries[1][1] == "khong-co-ai"


# --- throttling --------------------------------------------------------------------------------


def test_wrong_passwords_lock_the_account_then_the_office_unlocks_it(
    world: dict[str, Any], settings: Any
) -> None:
    limit = settings.DANGVU_LOGIN_FAILURE_LIMIT
    client = Client()
    login = reverse("accounts:login")
    for _ in range(limit - 1):
        assert client.post(login, {"username": "cb-a", "password": "sai"}).status_code == 200
    # The last failure allowed locks the account (429 from then on).
    assert client.post(login, {"username": "cb-a", "password": "sai"}).status_code == 429
    response = client.post(login, {"username": "cb-a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is per account: from another address, the right password is still refused.
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert elsewhere.post(login, {"username": "cb-a", "password": PASSWORD}).status_code == 429

    # An office of another ward may not unlock him; his own ward's office does.
    stranger = Client()
    stranger.force_login(world["stranger"])
    assert stranger.get(reverse("accounts:lockouts")).status_code == 403
    office = Client()
    office.force_login(world["office"])
    page = office.get(reverse("accounts:lockouts")).content.decode()
    assert "cb-a" in page
    response = office.post(reverse("accounts:unlock"), {"kind": "account", "key": "cb-a"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user.unlock").exists()
    assert elsewhere.post(login, {"username": "cb-a", "password": PASSWORD}).status_code == 302


def test_an_office_cannot_unlock_a_stranger(world: dict[str, Any], settings: Any) -> None:
    client = Client()
    for _ in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "cb-b", "password": "sai"})
    office = Client()
    office.force_login(world["office"])
    response = office.post(reverse("accounts:unlock"), {"kind": "account", "key": "cb-b"})
    assert response.status_code == 403
    assert (
        client.post(
            reverse("accounts:login"), {"username": "cb-b", "password": PASSWORD}
        ).status_code
        == 429
    )


def test_one_address_guessing_many_accounts_is_locked(world: dict[str, Any], settings: Any) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    login = reverse("accounts:login")
    for n in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        client.post(login, {"username": f"ai-do-{n}", "password": "sai"})
    assert client.post(login, {"username": "vp-a", "password": PASSWORD}).status_code == 429
    assert Client().post(login, {"username": "vp-a", "password": PASSWORD}).status_code == 302


def test_bad_bearer_tokens_lock_the_address_until_unlocked(
    world: dict[str, Any], settings: Any
) -> None:
    _token, secret = api_token_create(user=world["office"], name="thật", by=world["office"])
    client = Client(REMOTE_ADDR="10.0.0.8")
    url = "/api/meetings/conferences"
    for n in range(settings.DANGVU_LOGIN_FAILURE_LIMIT):
        assert client.get(url, headers=bearer(f"dv_doan-mo-{n}")).status_code == 401
    response = client.get(url, headers=bearer(secret))
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.json()["detail"]
    assert Client().get(url, headers=bearer(secret)).status_code == 200  # another address
    admin = UserFactory(username="quan-tri", is_superuser=True)
    throttle.unlock_address(address="10.0.0.8", by=admin)
    assert client.get(url, headers=bearer(secret)).status_code == 200


def test_the_account_page_makes_the_calendar_address(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["office"])
    assert "Tạo địa chỉ lịch của tôi" in client.get(reverse("accounts:profile")).content.decode()
    page = client.post(reverse("accounts:calendar_feed")).content.decode()
    address = page.split('<code class="secret">')[1].split("</code>")[0]
    assert "?feed=dvc_" in address
    calendar = Client().get(address.split("testserver")[1])
    assert calendar.status_code == 200
    assert calendar.content.startswith(b"BEGIN:VCALENDAR")
    assert "Tạo địa chỉ lịch mới" in client.get(reverse("accounts:profile")).content.decode()
