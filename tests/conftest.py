from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from dangvu.accounts.models import User
from dangvu.demo import scenario
from dangvu.org.models import Organisation


@pytest.fixture
def demo(db: Any) -> dict[str, Organisation]:
    """The Long Biên demo scenario, loaded through its services."""
    return scenario.load()


def login(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def office_client(client: Client, demo: dict[str, Organisation]) -> Client:
    return login(client, "vanphong")


@pytest.fixture
def reporter_client(client: Client, demo: dict[str, Organisation]) -> Client:
    return login(client, "baocao")
