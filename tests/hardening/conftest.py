from __future__ import annotations

import pytest

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Task
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task
from tests.meetings.conftest import conference, office  # noqa: F401 - shared fixtures
from tests.notifications.conftest import world  # noqa: F401
from tests.reports.conftest import period  # noqa: F401


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters."""
    return demo_tree


@pytest.fixture
def task(demo: dict[str, Organisation]) -> Task:
    return services.task_publish(task=make_task(demo), by=User.objects.get(username="vanphong"))
