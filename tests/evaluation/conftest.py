"""A small committee for the evaluation tests: Quận ủy X with its Ban Tổ chức, one grassroots
organisation (Đảng bộ A) with two cells, six members, and one user per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.evaluation import services
from dangvu.evaluation.enums import SubjectKind
from dangvu.evaluation.models import PartyMember, Round
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation
from tests.factories import UserFactory

D0 = dt.date(2004, 1, 1)
START = dt.date(2020, 1, 1)
END = dt.date(2020, 12, 31)


@dataclass
class World:
    committee: Organisation
    btc: Organisation
    grassroots: Organisation
    cell1: Organisation
    cell2: Organisation
    users: dict[str, User]
    members: list[PartyMember]

    def user(self, name: str) -> User:
        return User.objects.get(pk=self.users[name].pk)  # fresh: no cached scope


def _org(
    code: str, name: str, parent: Organisation | None, kind: str = OrgKind.PARTY, issuer: str = ""
) -> Organisation:
    return org_services.organisation_create(
        code=code,
        name=name,
        short_name=name,
        kind=kind,
        issuer_code=issuer,
        parent=parent,
        by=policy.SYSTEM,
        valid_from=D0,
    )


@pytest.fixture
def world(db: Any) -> World:
    services.criteria_defaults_install()  # a transactional test's flush removes migration data
    committee = _org("x-qu", "Quận ủy X", None, issuer="QU")
    btc = _org("x-btc", "Ban Tổ chức Quận ủy X", committee, kind=OrgKind.PARTY_BODY)
    grassroots = _org("x-a", "Đảng bộ A", committee, issuer="ĐU")
    cell1 = _org("x-a1", "Chi bộ A1", grassroots)
    cell2 = _org("x-a2", "Chi bộ A2", grassroots)
    grants = {
        "office": (committee, Role.OFFICE),
        "leader": (committee, Role.LEADER),
        "btc": (btc, Role.REPORTER),
        "head1": (cell1, Role.HEAD),
        "head2": (cell2, Role.HEAD),
        "gleader": (grassroots, Role.LEADER),
    }
    users: dict[str, User] = {}
    for name, (org, role) in grants.items():
        users[name] = UserFactory(username=name)
        org_services.membership_grant(
            user=users[name], organisation=org, role=role, by=policy.SYSTEM
        )
    users["member"] = UserFactory(username="member")
    users["nobody"] = UserFactory(username="nobody")
    members = []
    for i in range(5):
        members.append(
            services.member_create(
                code=f"A1-{i}",
                full_name=f"Đảng viên A1 số {i}",
                birth_year=1970 + i,
                joined_on=dt.date(2000, 1, 1),
                organisation=cell1,
                placed_on=dt.date(2010, 1, 1),
                heads_cell=(i == 0),
                subject_kind=SubjectKind.LEADER if i == 0 else SubjectKind.MEMBER,
                user=users["member"] if i == 1 else None,
                by=policy.SYSTEM,
            )
        )
    members.append(
        services.member_create(
            code="A2-0",
            full_name="Đảng viên A2 số 0",
            birth_year=1980,
            joined_on=dt.date(2005, 5, 5),
            organisation=cell2,
            placed_on=dt.date(2010, 1, 1),
            by=policy.SYSTEM,
        )
    )
    return World(committee, btc, grassroots, cell1, cell2, users, members)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, for tests that match their wording (the Vietnamese is tested apart)."""
    with translation.override("en"):
        yield


@pytest.fixture
def round_(world: World) -> Round:
    r = services.round_create(
        committee=world.committee,
        kind="year",
        year=2020,
        title="Năm 2020",
        starts_on=START,
        ends_on=END,
        advising_body=world.btc,
        by=world.user("office"),
    )
    services.round_add_subjects(round=r, by=world.user("office"))
    return r
