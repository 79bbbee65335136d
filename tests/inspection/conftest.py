"""A small world of its own for the inspection tests: a district committee with its inspection
commission and two wards, and one user per role that matters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.inspection import services
from dangvu.inspection.enums import InspectionKind, ProgrammeKind
from dangvu.inspection.models import Inspection, Programme
from dangvu.inspection.services import SubjectData
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation
from tests.factories import UserFactory

FROM = dt.date(2015, 1, 1)
DECIDED = dt.date(2024, 3, 1)


@dataclass
class World:
    city: Organisation
    district: Organisation
    commission: Organisation
    propaganda: Organisation
    ward_a: Organisation
    ward_b: Organisation
    users: dict[str, User]


def _org(
    code: str, name: str, kind: str, parent: Organisation | None, issuer: str = ""
) -> Organisation:
    return org_services.organisation_create(
        code=code, name=name, short_name="", kind=kind, issuer_code=issuer, parent=parent,
        valid_from=FROM, by=policy.SYSTEM,
    )  # fmt: skip


@pytest.fixture
def world(db: Any) -> World:
    city = _org("tp", "Thành ủy Thử", OrgKind.PARTY, None, "TU")
    district = _org("qu", "Quận ủy Thử", OrgKind.PARTY, city, "QU")
    commission = _org("ubkt", "Ủy ban Kiểm tra Quận ủy Thử", OrgKind.PARTY_BODY, district, "UBKTQU")
    propaganda = _org("btg", "Ban Tuyên giáo Quận ủy Thử", OrgKind.PARTY_BODY, district)
    ward_a = _org("pa", "Đảng ủy phường A", OrgKind.PARTY, district, "ĐU")
    ward_b = _org("pb", "Đảng ủy phường B", OrgKind.PARTY, district, "ĐU")
    grants = {
        "commission": (commission, Role.OFFICE),
        "district_office": (district, Role.OFFICE),
        "district_leader": (district, Role.LEADER),
        "propaganda_head": (propaganda, Role.HEAD),
        "ward_a_office": (ward_a, Role.OFFICE),
        "ward_a_reporter": (ward_a, Role.REPORTER),
        "ward_b_office": (ward_b, Role.OFFICE),
    }
    users: dict[str, User] = {}
    for name, (organisation, role) in grants.items():
        user = UserFactory(username=name)
        org_services.membership_grant(
            user=user, organisation=organisation, role=role, by=policy.SYSTEM
        )
        users[name] = user
    users["stranger"] = UserFactory(username="stranger")
    return World(city, district, commission, propaganda, ward_a, ward_b, users)


def decide(world: World, by: Any = policy.SYSTEM, **overrides: Any) -> Inspection:
    fields: dict[str, Any] = {
        "issuer": world.commission,
        "kind": InspectionKind.VIOLATION,
        "title": "Kiểm tra khi có dấu hiệu vi phạm đối với Đảng ủy phường A",
        "content": "Việc quản lý đất đai ở tổ dân phố số 3.",
        "decided_on": DECIDED,
        "leader": "Nguyễn Văn Trưởng",
        "members": "Trần Thị Một\nLê Văn Hai",
        "starts_on": dt.date(2024, 3, 5),
        "ends_on": dt.date(2024, 4, 30),
        "subject_report_due": dt.date(2024, 3, 20),
        "team_report_due": dt.date(2024, 5, 10),
        "conclusion_due": dt.date(2024, 5, 31),
        "subjects": [SubjectData(organisation=world.ward_a)],
        "by": by,
    }
    fields.update(overrides)
    return services.inspection_decide(**fields)


def programme(world: World) -> Programme:
    return services.programme_create(
        issuer=world.commission, kind=ProgrammeKind.TERM, title="Chương trình kiểm tra 2020-2025",
        year_from=2020, year_to=2025, by=policy.SYSTEM,
    )  # fmt: skip
