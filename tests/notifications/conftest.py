from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import TestCase
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.assignments import services as task_services
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.notifications import outbox
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

# Every reminder test runs "on" this day (time-machine), deadlines relative to it.
TODAY = dt.date(2026, 3, 16)


@dataclass
class World:
    committee: Organisation
    lead: Organisation
    partner: Organisation
    office: User
    reporter: User
    head: User
    partner_reporter: User
    follower: User
    outsider: User

    def task(self, *, deadline: dt.date, content: str = "Xây dựng kế hoạch", **extra: Any) -> Task:
        task = task_services.task_create(
            committee=self.committee,
            content=content,
            by=policy.SYSTEM,
            issued_on=TODAY - dt.timedelta(days=60),
            lead_unit=self.lead,
            coordinating_units=[self.partner],
            deadline=deadline,
            deliverable="Kế hoạch",
            authority=self.committee,
        )
        task_services.task_publish(task=task, by=policy.SYSTEM, at=timezone.now())
        if extra:
            Task.objects.filter(pk=task.pk).update(**extra)
        return task


@pytest.fixture
def world(db: Any, time_machine: Any) -> World:
    return make_world(time_machine)


def make_world(time_machine: Any) -> World:
    """A committee, two units and their people, on `TODAY` at 15:00 in Hà Nội."""
    time_machine.move_to(dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC), tick=False)
    start = dt.date(2020, 1, 1)
    committee = OrganisationFactory(name="Đảng ủy phường Mẫu", valid_from=start)
    lead = OrganisationFactory(name="Ban Xây dựng Đảng", parent=committee, valid_from=start)
    partner = OrganisationFactory(
        name="Ủy ban MTTQ phường", parent=committee, valid_from=start, kind=OrgKind.FRONT
    )
    users = {
        name: UserFactory(username=name, email=f"{name}@example.org")
        for name in ("office", "reporter", "head", "partner_reporter", "follower", "outsider")
    }
    grants = [
        ("office", committee, Role.OFFICE),
        ("reporter", lead, Role.REPORTER),
        ("head", lead, Role.HEAD),
        ("partner_reporter", partner, Role.REPORTER),
        ("outsider", committee, Role.LEADER),
    ]
    for name, org, role in grants:
        org_services.membership_grant(
            user=users[name], organisation=org, role=role, by=policy.SYSTEM
        )
    return World(committee=committee, lead=lead, partner=partner, **users)


def committed(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call `fn` as the worker's pass would: run what it left for after the commit (tests run
    inside a transaction that never commits), then deliver the outbox."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = fn(*args, **kwargs)
    outbox.deliver()
    return result
