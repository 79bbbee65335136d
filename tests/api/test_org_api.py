import json

import pytest
from django.test import Client

from dangvu.accounts.models import User
from dangvu.accounts.services import api_token_create, api_token_revoke
from dangvu.config.api import api
from dangvu.org.models import Organisation


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts, without the story's chapters: the API of the tree
    reads only the tree."""
    return demo_tree


def test_openapi_document_builds(db: None) -> None:
    schema = api.get_openapi_schema()
    assert "/api/org/tree" in schema["paths"]
    assert "/api/org/organisations/{organisation_id}" in schema["paths"]


def test_docs_page_is_served(office_client: Client) -> None:
    assert office_client.get("/api/docs").status_code == 200


def test_anonymous_gets_401(client: Client, db: None) -> None:
    response = client.get("/api/org/tree")
    assert response.status_code == 401


def test_tree_as_of_a_date_with_session(office_client: Client) -> None:
    data = office_client.get("/api/org/tree", {"on": "2020-09-11"}).json()
    district = data[0]["children"][0]
    assert district["organisation"]["name"] == "Quận ủy Long Biên"
    assert district["organisation"]["issuer_code"] == "QU"


def test_token_authentication(client: Client, demo: dict[str, Organisation]) -> None:
    user = User.objects.get(username="baocao")
    token, secret = api_token_create(user=user, name="máy tính bảng", by=user)
    auth = {"Authorization": f"Bearer {secret}"}
    response = client.get(
        "/api/org/organisations", {"on": "2026-11-26", "q": "Phúc Lợi"}, headers=auth
    )
    assert response.status_code == 200
    assert [o["code"] for o in response.json()] == ["p-phucloi"]
    token.refresh_from_db()
    assert token.last_used_at is not None

    api_token_revoke(token=token, by=user)
    assert client.get("/api/org/tree", headers=auth).status_code == 401
    assert client.get("/api/org/tree", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_detail_and_404(office_client: Client, demo: dict[str, Organisation]) -> None:
    response = office_client.get(f"/api/org/organisations/{demo['lb-qu'].pk}", {"on": "2020-09-11"})
    body = json.loads(response.content)
    assert body["positions"][0]["person"] == "Ngô Mạnh Điềm"
    assert {s["name"] for s in body["successors"]} >= {"Đảng ủy phường Việt Hưng"}
    assert office_client.get("/api/org/organisations/999999").status_code == 404
