"""The organisation scope and the policy registry that every app's permissions build on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from dangvu.core import policy
from dangvu.org.enums import Role
from dangvu.org.models import Membership
from dangvu.org.scope import Scope
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def tree(db: Any) -> dict[str, Any]:
    city = OrganisationFactory(name="Thành ủy")
    ward = OrganisationFactory(name="Đảng ủy phường A", parent=city)
    sibling = OrganisationFactory(name="Đảng ủy phường B", parent=city)
    cell = OrganisationFactory(name="Chi bộ 1", parent=ward)
    return {"city": city, "ward": ward, "sibling": sibling, "cell": cell}


def test_scope_covers_the_subtree_in_the_role_only(tree: dict[str, Any]) -> None:
    user = UserFactory()
    Membership.objects.create(user=user, organisation=tree["ward"], role=Role.OFFICE)
    scope = Scope.of(user)
    assert scope.covers(tree["cell"], {Role.OFFICE})
    assert scope.covers(tree["ward"], {Role.OFFICE})
    assert not scope.covers(tree["sibling"], {Role.OFFICE})
    assert not scope.covers(tree["city"], {Role.OFFICE})
    assert not scope.covers(tree["cell"], {Role.REPORTER})
    from dangvu.org.models import Organisation

    names = set(
        Organisation.objects.filter(scope.q(None, {Role.OFFICE})).values_list("name", flat=True)
    )
    assert names == {"Đảng ủy phường A", "Chi bộ 1"}


def test_scope_ignores_roles_not_held_today(tree: dict[str, Any]) -> None:
    user = UserFactory()
    Membership.objects.create(
        user=user,
        organisation=tree["ward"],
        role=Role.OFFICE,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    assert not Scope.of(user).covers(tree["cell"], {Role.OFFICE})
    assert Scope.on(user, dt.date(2024, 1, 1)).covers(tree["cell"], {Role.OFFICE})


def test_anonymous_and_none_cover_nothing(tree: dict[str, Any]) -> None:
    assert not Scope.of(AnonymousUser()).covers(tree["cell"])
    assert not Scope.of(None).covers(tree["cell"])


def test_policy_refuses_anonymous_none_and_unknown_actions(tree: dict[str, Any]) -> None:
    action = policy.actions()[0]  # any declared action
    assert not policy.allowed(None, action, None)
    assert not policy.allowed(AnonymousUser(), action, None)
    assert policy.allowed(policy.SYSTEM, action, None)
    with pytest.raises(PermissionDenied):
        policy.require(None, action)
    with pytest.raises(KeyError):
        policy.allowed(UserFactory(), "test.never-declared")
