"""The permission matrix (issue 10): every role x every kind of object x every declared action,
through the services (refused with PermissionDenied, or not), and through the pages and the API
for the main doors, with one answer for "not yours": 404 where the user may not read the object,
403 where he reads it but may not act.

The expected answers are written here by hand, from the rules in each app's `permissions.py`
docstring; they are not computed from the policy. A declared action without a row fails the test.
The world is a small tree built with factories:

    Thành ủy
    ├── Quận ủy A      ("parent committee": the office, admin and leader hold their role here)
    │   ├── Ban A1     ("own unit": the reporter and the head)
    │   ├── Ban A2     ("sibling unit")
    │   └── Ban cũ     ("ended unit", closed at the end of 2024)
    └── Quận ủy B      ("another committee")
        └── Ban B1
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.test import Client
from django.urls import reverse

from dangvu.accounts import throttle
from dangvu.accounts.models import User
from dangvu.accounts.services import (
    api_token_create,
    api_token_revoke,
    calendar_feed_regenerate,
    user_create,
)
from dangvu.assignments import services as tasks
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core import policy
from dangvu.meetings import services as meetings
from dangvu.meetings.models import Conference
from dangvu.notifications import services as notifications
from dangvu.notifications.models import Notification
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation
from dangvu.reports import services as reports
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import Contribution, Period
from tests.factories import OrganisationFactory, UserFactory

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
GIVEN = dt.date(2024, 6, 1)  # the day the tasks are given: the ended unit still existed

ROLES = ["office", "admin", "leader", "reporter", "head", "nobody", "anonymous"]
KINDS = ["own", "sibling", "parent", "another", "ended"]
UNDER_A = {"own", "sibling", "parent", "ended"}  # everything the office of Quận ủy A covers
MANAGERS = {"office", "admin"}
UNIT_PEOPLE = {"reporter", "head"}
SIGNED_IN = set(ROLES) - {"anonymous"}


def rows(roles: set[str], kinds: set[str]) -> set[tuple[str, str]]:
    return {(role, kind) for role in roles for kind in kinds}


# (role, kind) pairs allowed, per action: written from the permissions.py docstrings.
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "task.create": rows(MANAGERS, UNDER_A),
    "task.manage": rows(MANAGERS, UNDER_A),
    "task.propose_completion": rows(UNIT_PEOPLE, {"own"}),
    "task.split": rows(UNIT_PEOPLE, {"own"}) | rows(MANAGERS, UNDER_A),
    "task.report_progress": rows(UNIT_PEOPLE, {"own"}) | rows(MANAGERS, UNDER_A),
    **{
        f"task.{verb}": rows(MANAGERS | {"leader"}, UNDER_A)  # the authority is Quận ủy A
        for verb in ("accept", "return", "suspend", "resume", "change_deadline")
    },
    "conference.create": rows(MANAGERS, UNDER_A),
    "conference.edit": rows(MANAGERS, UNDER_A),
    "conference.delegate": rows(MANAGERS, UNDER_A),
    "period.create": rows(MANAGERS, UNDER_A),
    "period.manage": rows(MANAGERS, UNDER_A),
    "period.comment": rows(MANAGERS | {"leader"}, UNDER_A) | rows(UNIT_PEOPLE, {"own"}),
    "contribution.write": rows(UNIT_PEOPLE, {"own"}),
    "contribution.submit": rows({"head"}, {"own"}),
    "contribution.review": rows({"head"}, {"own"}),  # what the reporter sent the head
    "contribution.accept": rows(MANAGERS, UNDER_A),
    "contribution.return": rows(MANAGERS, UNDER_A),
    # "own" is the user's own notification / token; the other kinds, someone else's.
    "notification.mark_read": rows(SIGNED_IN, {"own"}),
    "notification.mark_all_read": rows(SIGNED_IN, set(KINDS)),
    "api_token.revoke": rows(SIGNED_IN, {"own"}),
    # "own" is the user's own account; the other kinds, someone else's.
    "api_token.create": rows(SIGNED_IN, {"own"}),
    "calendar_feed.regenerate": rows(SIGNED_IN, {"own"}),
    "account.create_superuser": set(),  # superusers of the site only
    "lockout.list": rows(MANAGERS, set(KINDS)),  # the page itself; each row asks unlock
    "reminders.send": set(),  # the worker only
    "account.unlock": rows(MANAGERS, UNDER_A),  # a person of an organisation under the office
    "address.unlock": set(),  # administrators of the site only
}

# Who reads the object (else 404): the office, admin and leader of Quận ủy A read its tasks
# and contributions; a unit reads its own; conferences are read by the office (nobody is
# invited in this world).
READS = {
    "task": rows(MANAGERS | {"leader"}, UNDER_A) | rows(UNIT_PEOPLE, {"own"}),
    "conference": rows(MANAGERS, UNDER_A),
    "contribution": rows(MANAGERS | {"leader"}, UNDER_A) | rows(UNIT_PEOPLE, {"own"}),
}


@dataclass
class Place:
    committee: Organisation
    unit: Organisation
    task: Task
    conference: Conference
    period: Period
    contribution: Contribution
    person: User


@dataclass
class World:
    users: dict[str, Any]
    places: dict[str, Place]
    others: User  # someone else, for notifications and tokens


def _place(committee: Organisation, unit: Organisation, name: str) -> Place:
    task = tasks.task_create(
        committee=committee,
        content=f"Việc của {unit.name}",
        by=policy.SYSTEM,
        issued_on=GIVEN,
        lead_unit=unit,
        deadline=dt.date(2030, 12, 31),
        deliverable="Báo cáo",
        authority=committee,
    )
    tasks.task_publish(
        task=task,
        by=policy.SYSTEM,
        waiver_reason="Thử",
        at=dt.datetime(2024, 6, 1, 9, tzinfo=HANOI),
    )
    conference = meetings.conference_create(
        committee=committee,
        kind="briefing",
        title=f"Giao ban {name}",
        starts_at=dt.datetime(2024, 6, 3, 9, tzinfo=HANOI),
        by=policy.SYSTEM,
    )
    period = reports.period_create(
        committee=committee,
        kind=PeriodKind.YEAR,
        year=2024,
        due_on=dt.date(2024, 12, 20),
        title=f"Báo cáo năm 2024 ({name})",
        by=policy.SYSTEM,
    )
    (contribution,) = reports.contributions_request(period=period, units=[unit], by=policy.SYSTEM)
    reports.draft_consolidate(period=period, by=policy.SYSTEM)
    person = UserFactory()
    Membership.objects.create(user=person, organisation=unit, role=Role.REPORTER)
    return Place(committee, unit, task, conference, period, contribution, person)


@pytest.fixture
def world(db: Any) -> World:
    day = dt.date(2020, 1, 1)
    city = OrganisationFactory(name="Thành ủy", valid_from=day)
    qa = OrganisationFactory(name="Quận ủy A", parent=city, valid_from=day)
    a1 = OrganisationFactory(name="Ban A1", parent=qa, valid_from=day)
    a2 = OrganisationFactory(name="Ban A2", parent=qa, valid_from=day)
    old = OrganisationFactory(name="Ban cũ", parent=qa, valid_from=day)
    qb = OrganisationFactory(name="Quận ủy B", parent=city, valid_from=day)
    b1 = OrganisationFactory(name="Ban B1", parent=qb, valid_from=day)
    users: dict[str, Any] = {"anonymous": AnonymousUser(), "nobody": UserFactory(username="nobody")}
    for role, org in [
        ("office", qa),
        ("admin", qa),
        ("leader", qa),
        ("reporter", a1),
        ("head", a1),
    ]:
        users[role] = UserFactory(username=role)
        Membership.objects.create(user=users[role], organisation=org, role=role)
    places = {
        "own": _place(qa, a1, "own"),
        "sibling": _place(qa, a2, "sibling"),
        "parent": _place(qa, qa, "parent"),
        "another": _place(qb, b1, "another"),
        "ended": _place(qa, old, "ended"),
    }
    Organisation.objects.filter(pk=old.pk).update(valid_to=dt.date(2024, 12, 31))
    return World(users=users, places=places, others=UserFactory(username="someone-else"))


# --- the objects each action is asked about, and the service that does it ---------------------


def _organisation(world: World, kind: str, role: str) -> Any:
    place = world.places[kind]
    return place.unit if kind in ("own", "sibling", "ended") else place.committee


def _own_or_others(world: World, kind: str, role: str) -> User:
    user = world.users[role]
    return user if kind == "own" and getattr(user, "pk", None) else world.others


def _notification(world: World, kind: str, role: str) -> Notification:
    return Notification.objects.create(
        user=_own_or_others(world, kind, role), kind="other", text="Nhắc việc", link=""
    )


def _token(world: World, kind: str, role: str) -> Any:
    owner = _own_or_others(world, kind, role)
    token, _secret = api_token_create(user=owner, name="ma-tran", by=policy.SYSTEM)
    return token


@dataclass(frozen=True)
class Door:
    subject: Callable[[World, str, str], Any]
    run: Callable[[Any, Any], Any]


def _place_attr(name: str) -> Callable[[World, str, str], Any]:
    return lambda world, kind, role: getattr(world.places[kind], name)


TASK = _place_attr("task")
CONFERENCE = _place_attr("conference")
PERIOD = _place_attr("period")
CONTRIBUTION = _place_attr("contribution")
TOMORROW = dt.date(2031, 1, 31)

SERVICES: dict[str, Door] = {
    "task.create": Door(
        _organisation, lambda by, org: tasks.task_create(committee=org, content="x", by=by)
    ),
    "task.manage": Door(TASK, lambda by, t: tasks.task_followers_set(task=t, by=by, users=[])),
    "task.propose_completion": Door(TASK, lambda by, t: tasks.completion_propose(task=t, by=by)),
    "task.split": Door(
        TASK,
        lambda by, t: tasks.subtask_create(parent=t, by=by, content="x", lead_unit=t.committee),
    ),
    "task.report_progress": Door(
        lambda world, kind, role: ProgressReport(
            task=world.places[kind].task, unit=world.places[kind].unit
        ),
        lambda by, r: tasks.progress_report_create(
            task=r.task, by=by, unit=r.unit, done="x", percent=5
        ),
    ),
    "task.accept": Door(TASK, lambda by, t: tasks.completion_accept(task=t, by=by)),
    "task.return": Door(TASK, lambda by, t: tasks.completion_return(task=t, by=by, reason="x")),
    "task.suspend": Door(TASK, lambda by, t: tasks.task_suspend(task=t, by=by, reason="x")),
    "task.resume": Door(TASK, lambda by, t: tasks.task_resume(task=t, by=by)),
    "task.change_deadline": Door(
        TASK,
        lambda by, t: tasks.deadline_change(
            task=t, by=by, new_deadline=TOMORROW, reason="x", approved_by="Thường trực"
        ),
    ),
    "conference.create": Door(
        _organisation,
        lambda by, org: meetings.conference_create(
            committee=org,
            kind="briefing",
            title="x",
            starts_at=dt.datetime(2026, 1, 5, 9, tzinfo=HANOI),
            by=by,
        ),
    ),
    "conference.edit": Door(
        CONFERENCE, lambda by, c: meetings.agenda_item_add(conference=c, title="x", by=by)
    ),
    "conference.delegate": Door(
        CONFERENCE, lambda by, c: meetings.conference_delegates_set(conference=c, users=[], by=by)
    ),
    "period.create": Door(
        _organisation,
        lambda by, org: reports.period_create(
            committee=org, kind=PeriodKind.YEAR, year=2025, due_on=dt.date(2025, 12, 20), by=by
        ),
    ),
    "period.manage": Door(PERIOD, lambda by, p: reports.reminders_send(period=p, by=by)),
    "period.comment": Door(
        PERIOD, lambda by, p: reports.comment_add(version=p.versions.get(), text="Góp ý", by=by)
    ),
    "contribution.write": Door(
        CONTRIBUTION,
        lambda by, c: reports.contribution_save(contribution=c, entries={}, values={}, by=by),
    ),
    "contribution.submit": Door(
        CONTRIBUTION, lambda by, c: reports.contribution_submit(contribution=c, by=by)
    ),
    "contribution.review": Door(
        CONTRIBUTION,
        lambda by, c: reports.contribution_return_to_reporter(contribution=c, reason="x", by=by),
    ),
    "contribution.accept": Door(
        CONTRIBUTION, lambda by, c: reports.contribution_accept(contribution=c, by=by)
    ),
    "contribution.return": Door(
        CONTRIBUTION, lambda by, c: reports.contribution_return(contribution=c, reason="x", by=by)
    ),
    "notification.mark_read": Door(
        _notification, lambda by, n: notifications.notification_mark_read(notification=n, by=by)
    ),
    "notification.mark_all_read": Door(
        lambda world, kind, role: None,
        lambda by, _n: notifications.notifications_mark_all_read(by=by),
    ),
    "api_token.revoke": Door(_token, lambda by, token: api_token_revoke(token=token, by=by)),
    "api_token.create": Door(
        _own_or_others, lambda by, user: api_token_create(user=user, name="x", by=by)
    ),
    "calendar_feed.regenerate": Door(
        _own_or_others, lambda by, user: calendar_feed_regenerate(user=user, by=by)
    ),
    "account.create_superuser": Door(
        lambda world, kind, role: None,
        lambda by, _none: user_create(
            username="quan-tri-moi", password="mat-khau-dai-2026", is_superuser=True, by=by
        ),
    ),
    "lockout.list": Door(
        lambda world, kind, role: None, lambda by, _none: throttle.lockouts_for(by=by)
    ),
    "reminders.send": Door(
        lambda world, kind, role: None,
        lambda by, _none: notifications.reminders_send(by=by, day=dt.date(2024, 6, 2)),
    ),
    "account.unlock": Door(
        _place_attr("person"),
        lambda by, person: throttle.unlock_account(username=person.username, by=by),
    ),
    "address.unlock": Door(
        lambda world, kind, role: None,
        lambda by, _none: throttle.unlock_address(address="10.9.9.9", by=by),
    ),
}


class _RollbackError(Exception):
    pass


def passes_the_gate(run: Callable[[], Any]) -> bool:
    """Run a service and undo it: refused (PermissionDenied) or not. A ValidationError comes
    after the check, so it counts as allowed (the state of the object said no, not the rule)."""
    try:
        with transaction.atomic():
            with contextlib.suppress(ValidationError):
                run()
            raise _RollbackError
    except PermissionDenied:
        return False
    except _RollbackError:
        return True


# Apps whose actions are held by a matrix of their own, over a world of their shape (an
# inspection commission and its subjects; a round with cells and members): the object prefix of
# the action → that test. Every other declared action needs a row here.
APP_MATRICES = {
    "inspection": "tests/inspection/test_permissions.py",
    "inspection_programme": "tests/inspection/test_permissions.py",
    "inspection_statistics": "tests/inspection/test_permissions.py",
    "recommendation": "tests/inspection/test_permissions.py",
    "discipline": "tests/inspection/test_permissions.py",
    "complaint": "tests/inspection/test_permissions.py",
    "member": "tests/evaluation/test_services.py",
    "round": "tests/evaluation/test_services.py",
    "evaluation": "tests/evaluation/test_services.py",
    "register": "tests/documents/test_register.py",
    "organisation": "tests/org/test_permissions.py",
    "succession": "tests/org/test_permissions.py",
    "reorganisation": "tests/org/test_permissions.py",
    "membership": "tests/org/test_permissions.py",
    "position": "tests/org/test_permissions.py",
    "portal": "tests/portal/test_report_article.py",
    "account.create": "tests/org/test_people_import.py",  # one action of a prefix: its name
}


def declared_actions() -> list[str]:
    """Every action the apps declare that this matrix holds (not the ones tests make up, nor
    those of the apps in `APP_MATRICES`)."""
    return [
        action
        for action in policy.actions()
        if not action.startswith("test.")
        and action.split(".")[0] not in APP_MATRICES
        and action not in APP_MATRICES
    ]


def test_every_other_action_is_held_by_its_apps_matrix() -> None:
    root = Path(__file__).resolve().parents[2]
    for action in policy.actions():
        prefix = action.split(".")[0]
        key = action if action in APP_MATRICES else prefix
        if key in APP_MATRICES:
            held = (root / APP_MATRICES[key]).read_text(encoding="utf-8")
            assert f'"{action}"' in held or f"{prefix}." in held, action


def test_every_declared_action_has_an_expected_row_and_a_service() -> None:
    declared = set(declared_actions())
    assert declared == set(EXPECTED), sorted(declared ^ set(EXPECTED))
    assert declared == set(SERVICES), sorted(declared ^ set(SERVICES))


def _services_matrix(world: World) -> list[str]:
    wrong: list[str] = []
    for action in declared_actions():
        door = SERVICES[action]
        for role in ROLES:
            actor = world.users[role]
            for kind in KINDS:
                obj = door.subject(world, kind, role)
                expected = (role, kind) in EXPECTED[action]
                if policy.allowed(actor, action, obj) != expected:
                    wrong.append(f"policy {action} {role} {kind}: expected {expected}")
                if passes_the_gate(partial(door.run, actor, obj)) != expected:
                    wrong.append(f"service {action} {role} {kind}: expected {expected}")
    return wrong


def test_system_actors_pass_and_nobody_else_by_default() -> None:
    for action in declared_actions():
        assert policy.allowed(policy.WORKER, action, None)
        assert not policy.allowed(None, action, None)


# --- the pages and the API: 404 where the user may not read it, 403 where he may not act ------


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _answer(status: int, reads: bool, allowed: bool, anonymous: bool) -> bool:
    if anonymous:
        return status in (302, 401)  # to the login page / no credentials
    if not reads:
        return status == 404
    if not allowed:
        return status == 403
    return status not in (401, 403, 404)


PAGES = {
    # door: (what is read, action, request)
    "task accept (page)": (
        "task",
        "task.accept",
        lambda c, p: c.post(
            reverse("assignments:accept", args=[p.task.pk]), {"on": "", "note": ""}
        ),
    ),
    "conference edit (page)": (
        "conference",
        "conference.edit",
        lambda c, p: c.get(reverse("meetings:update", args=[p.conference.pk])),
    ),
    "contribution submit (page)": (
        "contribution",
        "contribution.submit",
        lambda c, p: c.post(
            reverse("reports:contribution", args=[p.contribution.pk]), {"action": "submit"}
        ),
    ),
    "progress report (API)": (
        "task",
        "task.report_progress",
        lambda c, p: c.post(
            f"/api/tasks/{p.task.pk}/progress",
            json.dumps({"unit_id": p.unit.pk, "done": "x", "percent": 5}),
            content_type="application/json",
        ),
    ),
    "contribution accept (API)": (
        "contribution",
        "contribution.accept",
        lambda c, p: c.post(f"/api/reports/contributions/{p.contribution.pk}/accept"),
    ),
    # The other doors of the same actions (issue 10, item 3: the pages and the API too).
    **{
        f"task {name} (page)": (
            "task",
            action,
            partial(
                lambda name, c, p: c.post(reverse(f"assignments:{name}", args=[p.task.pk])), name
            ),
        )
        for name, action in [
            ("propose", "task.propose_completion"),
            ("return", "task.return"),
            ("deadline", "task.change_deadline"),
            ("suspend", "task.suspend"),
            ("resume", "task.resume"),
            ("followers", "task.manage"),
            ("split", "task.split"),
        ]
    },
    "agenda item (page)": (
        "conference",
        "conference.edit",
        lambda c, p: c.post(
            reverse("meetings:agenda_add", args=[p.conference.pk]), {"title": "Mục mới"}
        ),
    ),
    "delegates (page)": (
        "conference",
        "conference.delegate",
        lambda c, p: c.post(reverse("meetings:delegates", args=[p.conference.pk]), {}),
    ),
    "contribution accept (page)": (
        "contribution",
        "contribution.accept",
        lambda c, p: c.post(reverse("reports:accept", args=[p.contribution.pk])),
    ),
    "contribution return (page)": (
        "contribution",
        "contribution.return",
        lambda c, p: c.post(
            reverse("reports:return", args=[p.contribution.pk]), {"reason": "Bổ sung số liệu"}
        ),
    ),
    "contribution submit (API)": (
        "contribution",
        "contribution.submit",
        lambda c, p: c.post(f"/api/reports/contributions/{p.contribution.pk}/submit"),
    ),
    "contribution return (API)": (
        "contribution",
        "contribution.return",
        lambda c, p: c.post(
            f"/api/reports/contributions/{p.contribution.pk}/return",
            json.dumps({"reason": "Bổ sung số liệu"}),
            content_type="application/json",
        ),
    ),
}


def _doors_matrix(world: World) -> list[str]:
    wrong: list[str] = []
    for role in ROLES:
        client = _client(world, role)
        for kind in KINDS:
            place = world.places[kind]
            for door, (read, action, send) in PAGES.items():
                with transaction.atomic():
                    status = send(client, place).status_code
                    transaction.set_rollback(True)
                reads = (role, kind) in READS[read]
                allowed = (role, kind) in EXPECTED[action]
                if not _answer(status, reads, allowed, role == "anonymous"):
                    wrong.append(
                        f"{door} {role} {kind}: {status} (reads={reads}, allowed={allowed})"
                    )
    return wrong


def _readers(world: World) -> list[str]:
    """The READS table above is what the selectors give (so the 404s are not guessed)."""
    from dangvu.assignments.selectors import get_task_for_user
    from dangvu.meetings.selectors import get_conference_for_user
    from dangvu.reports.selectors import get_contribution_for_user

    getters = {
        "task": (get_task_for_user, "task"),
        "conference": (get_conference_for_user, "conference"),
        "contribution": (get_contribution_for_user, "contribution"),
    }
    wrong: list[str] = []
    for read, (get, attr) in getters.items():
        for role in ROLES:
            for kind in KINDS:
                obj = getattr(world.places[kind], attr)
                try:
                    get(world.users[role], obj.pk)
                    found = True
                except Http404:
                    found = False
                if found != ((role, kind) in READS[read]):
                    wrong.append(f"reads {read} {role} {kind}: {found}")
    return wrong


def test_the_matrix(world: World) -> None:
    """One world (built once, the slow part), three views of it: the policy and the services,
    who reads what, and the pages and the API."""
    wrong = _services_matrix(world) + _readers(world) + _doors_matrix(world)
    assert not wrong, "\n".join(wrong)
