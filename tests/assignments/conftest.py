from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.org.models import Organisation

CONFERENCE = dt.date(2020, 9, 11)


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The organisations and accounts of the demo without its story chapters (reports, the
    conference, the Q4 tasks), so that these tests start with no task at all."""
    return demo_tree


def make_task(demo: dict[str, Organisation], **overrides: Any) -> Task:
    """A task of Quận ủy Long Biên given at the conference of 11/9/2020, all six clear."""
    fields: dict[str, Any] = {
        "committee": demo["lb-qu"],
        "content": "Xây dựng kế hoạch tuyên truyền Nghị quyết Đại hội",
        "by": policy.SYSTEM,
        "source_kind": SourceKind.CONCLUSION,
        "source_reference": "Kết luận hội nghị ngày 11/9/2020, mục 2",
        "issued_on": CONFERENCE,
        "lead_unit": demo["lb-btg"],
        "coordinating_units": [demo["lb-mttq"]],
        "deadline": dt.date(2020, 12, 31),
        "deliverable": "Kế hoạch tuyên truyền",
        "authority": demo["lb-qu"],
    }
    fields.update(overrides)
    return services.task_create(**fields)


@pytest.fixture
def office(demo: dict[str, Organisation]) -> User:
    return User.objects.get(username="vanphong")


@pytest.fixture
def reporter(demo: dict[str, Organisation]) -> User:
    return User.objects.get(username="baocao")


@pytest.fixture
def leader(demo: dict[str, Organisation]) -> User:
    return User.objects.get(username="lanhdao")
