from django.core import mail
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import ApiToken
from dangvu.org.models import Organisation


def test_login_and_logout(client: Client, demo: dict[str, Organisation]) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "vanphong", "password": "dangvu-demo"}
    )
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Văn phòng — " in home
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_is_explained(client: Client, demo: dict[str, Organisation]) -> None:
    response = client.post(reverse("accounts:login"), {"username": "vanphong", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert 'value="vanphong"' in response.content.decode()


def test_password_reset_sends_mail(client: Client, demo: dict[str, Organisation]) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "vanphong@dangvu.invalid"})
    from dangvu.notifications import outbox

    assert mail.outbox == []  # queued; the worker sends it
    outbox.deliver()
    assert len(mail.outbox) == 1
    assert "http://127.0.0.1:8000/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Dangvu"


def test_password_change(client: Client, demo: dict[str, Organisation]) -> None:
    client.login(username="baocao", password="dangvu-demo")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "dangvu-demo",
            "new_password1": "mot-mat-khau-moi-2026",
            "new_password2": "mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="baocao", password="mot-mat-khau-moi-2026")


def test_token_shown_once_and_stored_hashed(office_client: Client) -> None:
    response = office_client.post(reverse("accounts:profile"), {"name": "tích hợp"})
    html = response.content.decode()
    token = ApiToken.objects.get(name="tích hợp")
    assert f'<code class="secret">{token.prefix}' in html
    assert token.digest not in html
    assert len(token.digest) == 64
