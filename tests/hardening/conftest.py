from __future__ import annotations

from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Task
from dangvu.demo import scenario
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task
from tests.meetings.conftest import conference, office  # noqa: F401 - shared fixtures
from tests.notifications.conftest import world  # noqa: F401
from tests.reports.conftest import period  # noqa: F401


@pytest.fixture
def demo(db: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters."""
    monkeypatch.setattr(scenario, "chapters", list)
    return scenario.load()


@pytest.fixture
def task(demo: dict[str, Organisation]) -> Task:
    return services.task_publish(task=make_task(demo), by=User.objects.get(username="vanphong"))
