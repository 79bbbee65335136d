"""Refusals and missing pages answer in Vietnamese, inside the site's layout, with the reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, override_settings
from django.views import defaults

from tests.factories import UserFactory


def test_403_page_is_vietnamese_in_the_layout_with_the_reason(client: Client, db: Any) -> None:
    """A signed-in user with no role asks for the page that plans a conference."""
    client.force_login(UserFactory())
    response = client.get("/meetings/new/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Đồng chí không thể thực hiện việc này" in page
    assert '<p class="error-reason">' in page
    assert "Forbidden" not in page
    assert 'class="topbar"' in page


def test_403_page_shows_the_services_reason(client: Client, db: Any) -> None:
    client.force_login(UserFactory())
    request = client.get("/").wsgi_request
    response = defaults.permission_denied(
        request, PermissionDenied("Chỉ văn phòng cấp ủy được giao nhiệm vụ.")
    )
    assert "Chỉ văn phòng cấp ủy được giao nhiệm vụ." in response.content.decode()


@override_settings(DEBUG=False)
def test_404_page_is_vietnamese_in_the_layout(client: Client, db: Any) -> None:
    client.force_login(UserFactory())
    response = client.get("/tasks/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in page
    assert 'class="topbar"' in page


def test_500_page_needs_no_context_and_speaks_vietnamese(client: Client, db: Any) -> None:
    response = defaults.server_error(client.get("/accounts/login/").wsgi_request)
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


def test_404_handler_accepts_an_exception_without_leaking_it(client: Client, db: Any) -> None:
    client.force_login(UserFactory())
    request = client.get("/").wsgi_request
    response = defaults.page_not_found(request, Http404("secret detail"))
    assert "secret detail" not in response.content.decode()
