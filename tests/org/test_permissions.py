"""The org policy's actions asked as every role, over a city, a district and two wards: the rows
the project's permission matrix (tests/core/test_permission_matrix.py) leaves to this file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dangvu.core import policy
from dangvu.org.enums import Role, SuccessionKind
from dangvu.org.models import Membership, Succession
from tests.factories import OrganisationFactory, UserFactory

ROLES = {
    "city_office": ("city", Role.OFFICE),
    "city_admin": ("city", Role.ADMIN),
    "ward_a_office": ("ward_a", Role.OFFICE),
    "ward_a_reporter": ("ward_a", Role.REPORTER),
    "ward_a_head": ("ward_a", Role.HEAD),
    "ward_a_leader": ("ward_a", Role.LEADER),
    "ward_b_office": ("ward_b", Role.OFFICE),
}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    city = OrganisationFactory(name="Thành ủy Mẫu", valid_from=dt.date(2000, 1, 1))
    district = OrganisationFactory(name="Quận ủy Mẫu", parent=city, valid_from=dt.date(2000, 1, 1))
    ward_a = OrganisationFactory(name="Đảng ủy phường A", parent=district)
    ward_b = OrganisationFactory(name="Đảng ủy phường B", parent=district)
    cell = OrganisationFactory(name="Chi bộ khu dân cư 1", parent=ward_a)
    orgs = {"city": city, "district": district, "ward_a": ward_a, "ward_b": ward_b, "cell": cell}
    users: dict[str, Any] = {"nobody": UserFactory(), "anonymous": AnonymousUser()}
    for name, (org, role) in ROLES.items():
        users[name] = UserFactory()
        Membership.objects.create(user=users[name], organisation=orgs[org], role=role)
    return {"orgs": orgs, "users": users}


def allowed(world: dict[str, Any], action: str, obj: object) -> set[str]:
    return {name for name, user in world["users"].items() if policy.allowed(user, action, obj)}


CITY = {"city_office", "city_admin"}


def test_organisation_actions(world: dict[str, Any]) -> None:
    orgs = world["orgs"]
    for action in ("organisation.update", "organisation.close", "position.assign"):
        assert allowed(world, action, orgs["cell"]) == CITY | {"ward_a_office"}, action
        assert allowed(world, action, orgs["ward_b"]) == CITY | {"ward_b_office"}, action
        assert allowed(world, action, orgs["district"]) == CITY, action
    assert allowed(world, "organisation.create_under", orgs["ward_a"]) == CITY | {"ward_a_office"}
    assert allowed(world, "organisation.create_under", orgs["city"]) == CITY
    assert allowed(world, "organisation.create_under", None) == set()  # a root: superusers only
    assert allowed(world, "reorganisation.import", None) == CITY | {
        "ward_a_office",
        "ward_b_office",
    }


def test_succession_needs_both_ends(world: dict[str, Any]) -> None:
    orgs = world["orgs"]
    inside = Succession(
        predecessor=orgs["cell"], successor=orgs["ward_a"], kind=SuccessionKind.WHOLE
    )
    across = Succession(
        predecessor=orgs["ward_a"], successor=orgs["ward_b"], kind=SuccessionKind.WHOLE
    )
    assert allowed(world, "succession.manage", inside) == CITY | {"ward_a_office"}
    assert allowed(world, "succession.manage", across) == CITY


def test_roles_are_granted_within_scope_and_admin_only_by_an_admin(world: dict[str, Any]) -> None:
    orgs, users = world["orgs"], world["users"]
    reporter = Membership(user=users["nobody"], organisation=orgs["cell"], role=Role.REPORTER)
    admin = Membership(user=users["nobody"], organisation=orgs["ward_a"], role=Role.ADMIN)
    elsewhere = Membership(user=users["nobody"], organisation=orgs["ward_b"], role=Role.OFFICE)
    for action in ("membership.grant", "membership.end"):
        assert allowed(world, action, reporter) == CITY | {"ward_a_office"}, action
        assert allowed(world, action, admin) == {"city_admin"}, action
        assert allowed(world, action, elsewhere) == CITY | {"ward_b_office"}, action


def test_system_actors_may_and_nobody_else(world: dict[str, Any]) -> None:
    cell = world["orgs"]["cell"]
    for action in ("organisation.update", "organisation.close", "position.assign"):
        assert policy.allowed(policy.SYSTEM, action, cell)
        assert not policy.allowed(None, action, cell)
