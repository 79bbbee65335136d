"""The shared demo worlds of the test suite (issue 18, "a lighter test world").

Loading the Long Biên story through its services takes seconds; most tests only read it and write a
little beside it. So the story is loaded once, inside a transaction that stays open, and every test
that asks for it runs in a savepoint within that transaction (as Django's `setUpTestData` does):
whatever the test writes is rolled back after it, the story stays. The world is rolled back as soon
as a test that uses the database does not ask for it (or asks for another world), and at the end of
the session, so a test that wants an empty database still gets one.

A transactional test (`transactional_db`, `live_server`, `django_db(transaction=True)`) cannot run
inside an open transaction: it loads its own copy, as before.

The recipes below are the worlds there are; the fixtures of the same names in `tests/conftest.py`
hand each test fresh instances of the world's organisations, by code.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction

from dangvu.demo import scenario
from dangvu.org.models import Organisation

Orgs = dict[str, Organisation]

# name of the fixture -> how its world is made
RECIPES: dict[str, Callable[[], Orgs]] = {
    # the whole story: every chapter (reports, conference, follow-up, portal, evaluation, ...)
    "demo_story": scenario.load,
    # the organisation tree (with its 2025 reorganisation) and the demo accounts, no chapter
    "demo_tree": lambda: scenario.load(chapters=()),
}

DB_FIXTURES = (
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
)


def is_transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    if "django_db_reset_sequences" in names:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def uses_database(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in DB_FIXTURES) or bool(item.get_closest_marker("django_db"))


def wanted_world(item: pytest.Item) -> str | None:
    names = getattr(item, "fixturenames", ())
    return next((name for name in RECIPES if name in names), None)


@dataclass
class SharedWorld:
    """The world loaded now (if any), inside its open transaction."""

    key: str | None = None
    loaded: Orgs = field(default_factory=dict)
    _atomic: Any = None
    _connection: Any = None

    def build(self, key: str) -> None:
        self.drop()
        atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
        atomic.__enter__()
        self._atomic = atomic
        self._connection = transaction.get_connection(DEFAULT_DB_ALIAS)
        try:
            orgs = RECIPES[key]()
        except BaseException:
            self.drop()
            raise
        self.loaded = orgs
        self.key = key

    def drop(self) -> None:
        if self._atomic is not None:
            if transaction.get_connection(DEFAULT_DB_ALIAS) is self._connection:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                self._atomic.__exit__(None, None, None)
            else:
                self._abandon()
        self._atomic = None
        self._connection = None
        self.key = None
        self.loaded = {}

    def _abandon(self) -> None:
        """At the session's end the handler may hold a new connection object (after the live
        server's teardown): roll back the world's own connection, still inside its transaction,
        and close it, so that the test database can be dropped."""
        connection = self._connection
        if connection is None:
            return
        if connection.connection is not None:
            connection.connection.rollback()
        connection.atomic_blocks.clear()
        connection.in_atomic_block = False
        connection.needs_rollback = False
        connection.close()

    def forget(self) -> None:
        """The world's transaction is gone (a test closed it): start again from nothing."""
        self._atomic = None
        self._connection = None
        self.key = None
        self.loaded = {}

    def orgs(self) -> Orgs:
        """Copies of the instances the loader returned, as Django's `setUpTestData` gives them
        (deep copies: a test may change its own without touching the next test's; they hold what
        the loader's own instances held, as when each test loaded the world itself)."""
        return copy.deepcopy(self.loaded)
