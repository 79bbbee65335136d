from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import ApiToken, User
from dangvu.org.enums import Role
from tests.factories import OrganisationFactory, member

PASSWORD = "mat-khau-thu"  # the factories' password


@pytest.fixture
def people(db: Any) -> dict[str, User]:
    """An office clerk and a reporter of one committee: all these tests need."""
    committee = OrganisationFactory(name="Quận ủy Mẫu")
    board = OrganisationFactory(name="Ban Tuyên giáo", parent=committee)
    return {
        "vanphong": member(committee, Role.OFFICE, username="vanphong"),
        "baocao": member(board, Role.REPORTER, username="baocao"),
    }


def test_login_and_logout(client: Client, people: dict[str, User]) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "vanphong", "password": PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Văn phòng — " in home
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_is_explained(client: Client, people: dict[str, User]) -> None:
    response = client.post(reverse("accounts:login"), {"username": "vanphong", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert 'value="vanphong"' in response.content.decode()


def test_password_reset_sends_mail(client: Client, people: dict[str, User]) -> None:
    client.post(reverse("accounts:password_reset"), {"email": people["vanphong"].email})
    from dangvu.notifications import outbox

    assert mail.outbox == []  # queued; the worker sends it
    outbox.deliver()
    assert len(mail.outbox) == 1
    assert "http://127.0.0.1:8000/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Dangvu"


def test_password_change(client: Client, people: dict[str, User]) -> None:
    client.login(username="baocao", password=PASSWORD)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mot-mat-khau-moi-2026",
            "new_password2": "mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="baocao", password="mot-mat-khau-moi-2026")


def test_token_shown_once_and_stored_hashed(client: Client, people: dict[str, User]) -> None:
    client.force_login(people["vanphong"])
    response = client.post(reverse("accounts:profile"), {"name": "tích hợp"})
    html = response.content.decode()
    token = ApiToken.objects.get(name="tích hợp")
    assert f'<code class="secret">{token.prefix}' in html
    assert token.digest not in html
    assert len(token.digest) == 64
