"""The shared demo worlds (tests/world.py): a test sees the world it asks for, never another
test's writes, and a test that asks for none starts from an empty database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.accounts.models import User
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.org import services
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation


def _write_one(demo_tree: dict[str, Organisation]) -> None:
    services.organisation_create(
        code="tam-thoi", name="Tổ tạm thời", kind=OrgKind.OTHER, parent=demo_tree["hn-tu"],
        valid_from=dt.date(2020, 1, 1), by=policy.SYSTEM,
    )  # fmt: skip


def test_the_tree_world_has_the_accounts_and_no_chapter(demo_tree: dict[str, Organisation]) -> None:
    assert demo_tree["lb-qu"].name == "Quận ủy Long Biên"
    assert User.objects.filter(username="vanphong").exists()
    assert not Task.objects.exists()
    assert not Organisation.objects.filter(code="tam-thoi").exists()
    _write_one(demo_tree)


def test_a_test_never_sees_another_tests_writes(demo_tree: dict[str, Organisation]) -> None:
    assert not Organisation.objects.filter(code="tam-thoi").exists()
    _write_one(demo_tree)
    demo_tree["lb-qu"].name = "đổi trong bộ nhớ"


def test_each_test_gets_its_own_instances(demo_tree: dict[str, Organisation]) -> None:
    assert demo_tree["lb-qu"].name == "Quận ủy Long Biên"


def test_a_test_without_a_world_starts_empty(db: Any) -> None:
    assert not Organisation.objects.exists()
    assert not User.objects.exists()
