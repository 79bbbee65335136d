"""Fixtures of the whole suite.

The test world (issue 18): a test builds the little it needs with the factories
(`tests/factories.py`) or a small world of its app (`tests/<app>/conftest.py`); the demo serves the
tests that need its organisations and accounts (`demo_tree`) or its whole story (`demo_story`).
Both are loaded once and shared by the tests that follow each other (see `tests/world.py`); `demo`
is the whole story at the top level and `demo_tree` in the apps whose tests start with no record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from dangvu.accounts.models import User
from dangvu.org.models import Organisation
from tests.world import (
    RECIPES,
    SharedWorld,
    is_transactional,
    uses_database,
    wanted_world,
)


def world_rank(item: pytest.Item) -> int:
    """Where a test runs in the session: those without a database, then those with an empty one
    (and the transactional ones, which load their own copy), then the tree's, then the story's."""
    if not uses_database(item):
        return 0
    wanted = None if is_transactional(item) else wanted_world(item)
    return {None: 1, "demo_tree": 2, "demo_story": 3}[wanted]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The shared world is set up before anything else of the test, above all before the test's own
    # transaction (the `db` fixture), which must open inside it.
    for item in items:
        names = getattr(item, "fixturenames", None)
        if isinstance(names, list) and "_shared_world" not in names:
            names.insert(0, "_shared_world")
    # Tests grouped by the world they ask for (a stable sort: file order within each group), so
    # that each world is loaded once in the session rather than each time two modules alternate.
    items.sort(key=world_rank)


@pytest.fixture(scope="session")
def _world_state(django_db_setup: Any, django_db_blocker: Any) -> Iterator[SharedWorld]:
    state = SharedWorld()
    yield state
    with django_db_blocker.unblock():
        state.drop()


@pytest.fixture
def _shared_world(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    _enter_world(request, django_db_blocker)
    yield
    state: SharedWorld | None = getattr(request.config, "_dangvu_world", None)
    if state is not None and state.key is not None and not connection.in_atomic_block:
        state.forget()  # the next test builds its world again, instead of failing too
        pytest.fail(
            f"{request.node.nodeid} closed the shared world's transaction: what it wrote was "
            "committed. A test that must commit asks for `transactional_db` (or `live_server`)."
        )


def _enter_world(request: pytest.FixtureRequest, django_db_blocker: Any) -> None:
    item = request.node
    wanted = wanted_world(item)
    if wanted is not None and is_transactional(item):
        wanted = None  # it loads its own copy, committed
    if wanted is None and not uses_database(item):
        return  # leave the world as it is for the next test
    state: SharedWorld = request.getfixturevalue("_world_state")
    request.config._dangvu_world = state  # type: ignore[attr-defined]
    if state.key != wanted:
        with django_db_blocker.unblock():
            if wanted is None:
                state.drop()
            else:
                state.build(wanted)


def _world(request: pytest.FixtureRequest, key: str) -> dict[str, Organisation]:
    state: SharedWorld = request.getfixturevalue("_world_state")
    if state.key == key:
        return state.orgs()
    return RECIPES[key]()  # a transactional test: its own copy


@pytest.fixture
def demo_story(request: pytest.FixtureRequest, db: Any) -> dict[str, Organisation]:
    """The whole Long Biên story (every chapter), loaded through its services."""
    return _world(request, "demo_story")


@pytest.fixture
def demo_tree(request: pytest.FixtureRequest, db: Any) -> dict[str, Organisation]:
    """The demo's organisation tree and accounts, no chapter: no period, conference or task."""
    return _world(request, "demo_tree")


@pytest.fixture
def demo(demo_story: dict[str, Organisation]) -> dict[str, Organisation]:
    """The Long Biên demo scenario (the whole story); apps may narrow it to `demo_tree`."""
    return demo_story


def login(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def office_client(client: Client, demo: dict[str, Organisation]) -> Client:
    return login(client, "vanphong")


@pytest.fixture
def reporter_client(client: Client, demo: dict[str, Organisation]) -> Client:
    return login(client, "baocao")
