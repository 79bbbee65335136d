"""Issue 10's escalations, through the write services themselves (not the pages in front of
them): a service refuses before it writes, whoever calls it.

- The organisation import's confirm (`org.imports.apply_plan`) refuses a row outside the
  importer's scope even when the preview was skipped or made by someone else: a ward's office
  writes no unit under the district or the city, no root and no position at the city.
- No actor (`None`) and an anonymous user are allowed nothing: the task services used to skip
  the check for any actor without a primary key (`_refuse`), and the portal's services skipped
  it for `None`.
- Membership is read-only in the admin: roles change only on the audited roles page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client

from dangvu.assignments import services as tasks
from dangvu.assignments.models import ProgressReport, Task
from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import imports, synthetic
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation, Position
from tests.factories import OrganisationFactory, TaskFactory, UserFactory, member

pytestmark = pytest.mark.django_db


# --- the organisation import: the confirm decides too ---------------------------------------


@pytest.fixture
def city(db: Any) -> dict[str, Any]:
    """A city, two districts, four wards (t-p0 and t-p1 under t-q0)."""
    return synthetic.build_city(prefix="t", districts=2, wards=4)


@pytest.fixture
def ward_office(city: dict[str, Any]) -> Any:
    return member(city["wards"][1], Role.OFFICE)


def _unit(code: str, parent: str) -> dict[str, str]:
    return {
        "code": code,
        "name": f"Đơn vị {code}",
        "kind": "party",
        "parent": parent,
        "valid_from": "1/1/2020",
        "valid_to": "",
    }


def _position(organisation: str, title: str) -> dict[str, str]:
    return {
        "full_name": "Nguyễn Văn Thử",
        "organisation": organisation,
        "title": title,
        "valid_from": "1/1/2020",
    }


ESCALATIONS = {
    "a unit under the district": {"organisations": [_unit("x-district", "t-q0")]},
    "a new root": {"organisations": [_unit("x-root", "")]},
    "a unit under the city": {"organisations": [_unit("x-city", "t-tu")]},
    "a position at the city": {"people": [_position("t-tu", "Bí thư Thành ủy")]},
    "a position at the district": {"people": [_position("t-q0", "Trưởng ban")]},
}


@pytest.mark.parametrize("what", list(ESCALATIONS))
def test_the_import_confirm_refuses_a_ward_office_beyond_its_ward(
    ward_office: Any, what: str
) -> None:
    sheets: dict[str, Any] = {"act": [], "organisations": [], "updates": [], "links": []}
    sheets.update(ESCALATIONS[what])
    # A preview that says yes (made by the system), handed to the confirm of the ward's office.
    plan = imports.read_workbook(synthetic.workbook_bytes(sheets), by=SYSTEM)
    assert not [e for row in plan.rows for e in row.errors], what
    organisations, positions = Organisation.objects.count(), Position.objects.count()
    audit = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        imports.apply_plan(plan.to_payload(), by=ward_office)
    assert Organisation.objects.count() == organisations
    assert Position.objects.count() == positions
    assert AuditEntry.objects.count() == audit
    # The same rows in its own preview are refused, each naming its row.
    own = imports.read_workbook(synthetic.workbook_bytes(sheets), by=ward_office)
    assert all(row.errors for row in own.rows), what


def test_the_import_confirm_writes_a_unit_under_the_ward(ward_office: Any) -> None:
    sheets = {"act": [], "organisations": [_unit("t-p1-cb1", "t-p1")], "updates": [], "links": []}
    plan = imports.read_workbook(synthetic.workbook_bytes(sheets), by=ward_office)
    imports.apply_plan(plan.to_payload(), by=ward_office)
    assert Organisation.objects.get(code="t-p1-cb1").parent.code == "t-p1"


# --- nobody is allowed anything -----------------------------------------------------------


NOBODY = [None, AnonymousUser()]
DAY = dt.date(2020, 10, 1)

TASK_WRITES: dict[str, Callable[[Any, Task], Any]] = {
    "create": lambda by, t: tasks.task_create(committee=t.committee, content="Việc mới", by=by),
    "followers": lambda by, t: tasks.task_followers_set(task=t, by=by, users=[]),
    "propose": lambda by, t: tasks.completion_propose(task=t, by=by, on=DAY),
    "suspend": lambda by, t: tasks.task_suspend(task=t, by=by, reason="Tạm dừng", on=DAY),
    "deadline": lambda by, t: tasks.deadline_change(
        task=t, by=by, new_deadline=dt.date(2021, 6, 30), reason="Lùi", approved_by="Thường trực"
    ),
    "progress": lambda by, t: tasks.progress_report_create(
        task=t, by=by, unit=t.lead_unit, done="Đã làm", percent=50
    ),
}


@pytest.mark.parametrize("actor", NOBODY, ids=["none", "anonymous"])
@pytest.mark.parametrize("write", list(TASK_WRITES))
def test_the_task_services_refuse_no_actor_and_write_nothing(actor: Any, write: str) -> None:
    task = TaskFactory()
    row = list(Task.objects.filter(pk=task.pk).values())
    before = (Task.objects.count(), ProgressReport.objects.count(), AuditEntry.objects.count())
    with pytest.raises(PermissionDenied):
        TASK_WRITES[write](actor, task)
    assert (
        Task.objects.count(),
        ProgressReport.objects.count(),
        AuditEntry.objects.count(),
    ) == before
    assert list(Task.objects.filter(pk=task.pk).values()) == row


@pytest.mark.parametrize("actor", NOBODY, ids=["none", "anonymous"])
def test_the_portal_services_refuse_no_actor_and_write_nothing(actor: Any) -> None:
    from dangvu.portal import services as portal
    from dangvu.portal.models import PortalHomePage, PublishedDocument

    committee = OrganisationFactory(name="Đảng ủy Mẫu", issuer_code="ĐU")
    with pytest.raises(PermissionDenied):
        portal.portal_create(committee=committee, title="Cổng", slug="cong", by=actor)
    with pytest.raises(PermissionDenied):
        portal.document_publish(
            committee=committee, number="Số 1", issued_on=DAY, summary="Thông báo", by=actor
        )
    assert not PortalHomePage.objects.filter(committee=committee).exists()
    assert not PublishedDocument.objects.exists()


# --- roles only on the roles page -----------------------------------------------------------


def test_membership_is_read_only_in_the_admin(client: Client) -> None:
    ward = OrganisationFactory(name="Đảng ủy phường Mẫu")
    held = member(ward, Role.REPORTER)
    someone = UserFactory(username="ai-do")
    client.force_login(UserFactory(username="quan-tri", is_superuser=True, is_staff=True))
    listed = client.get("/admin/org/membership/")
    assert listed.status_code == 200
    assert str(held) in listed.content.decode()
    membership = Membership.objects.get(user=held)
    change = client.post(
        f"/admin/org/membership/{membership.pk}/change/",
        {"user": held.pk, "organisation": ward.pk, "role": Role.ADMIN},
    )
    assert change.status_code == 403
    add = client.post(
        "/admin/org/membership/add/",
        {"user": someone.pk, "organisation": ward.pk, "role": Role.ADMIN},
    )
    assert add.status_code == 403
    delete = client.post(f"/admin/org/membership/{membership.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.REPORTER
    assert list(Membership.objects.filter(user=someone)) == []
