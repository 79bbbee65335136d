import pytest
from django.test import Client

from dangvu.config.api import api
from tests.conftest import login
from tests.reports.conftest import contribution_of, write_and_accept

pytestmark = pytest.mark.django_db


def test_openapi_lists_report_endpoints():
    paths = api.get_openapi_schema()["paths"]
    for path in [
        "/api/reports/periods",
        "/api/reports/periods/{period_id}/contributions",
        "/api/reports/contributions/{contribution_id}/submit",
        "/api/reports/contributions/{contribution_id}/return",
        "/api/reports/periods/{period_id}/drafts",
    ]:
        assert path in paths


def test_periods_and_board(client: Client, period):
    login(client, "vanphong")
    data = client.get("/api/reports/periods").json()
    assert [p["title"] for p in data] == ["Báo cáo 9 tháng đầu năm 2020"]
    detail = client.get(f"/api/reports/periods/{period.pk}").json()
    assert len(detail["sections"]) == 15
    assert detail["issued_number"] is None
    board = client.get(f"/api/reports/periods/{period.pk}/contributions").json()
    assert len(board) == 3
    login(client, "baocao")
    board = client.get(f"/api/reports/periods/{period.pk}/contributions").json()
    assert [c["unit_name"] for c in board] == ["Ban Tuyên giáo Quận ủy Long Biên"]


def test_submit_and_return(client: Client, period):
    btg = contribution_of(period, "lb-btg")
    login(client, "baocao")
    assert client.post(f"/api/reports/contributions/{btg.pk}/submit").status_code == 403
    other = contribution_of(period, "lb-btc")
    assert client.get(f"/api/reports/contributions/{other.pk}").status_code == 404
    login(client, "truongban")
    response = client.post(f"/api/reports/contributions/{btg.pk}/submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    login(client, "vanphong")
    response = client.post(
        f"/api/reports/contributions/{btg.pk}/return", {"reason": ""},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    response = client.post(
        f"/api/reports/contributions/{btg.pk}/return", {"reason": "Thiếu số liệu"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["status"] == "returned"


def test_drafts(client: Client, period, office):
    write_and_accept(period, "lb-btg", "Đoạn.", {})
    login(client, "vanphong")
    url = f"/api/reports/periods/{period.pk}/drafts"
    response = client.post(url, {"base_version": 0}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["number"] == 1
    stale = client.post(url, {"base_version": 0}, content_type="application/json")
    assert stale.status_code == 422
    body = client.get(f"{url}/1").json()["body"]
    assert any(p["text"] == "Đoạn." for s in body for p in s["paragraphs"])
    login(client, "lanhdao")
    assert client.get(url).status_code == 200
    assert client.post(url, {"base_version": 1}, content_type="application/json").status_code == 403
