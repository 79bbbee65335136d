"""The pickers of the report pages come from selectors on the user's scope, not from checks in
the views (issue 10): the committees a new period may name, and the unit a comment is signed
with, which is a role held today (not one that has ended)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser

from dangvu.core.policy import SYSTEM
from dangvu.org.enums import Role
from dangvu.org.models import Membership
from dangvu.reports.selectors import author_unit_of, committees_managed_by
from tests.factories import OrganisationFactory, UserFactory


def test_committees_and_author_unit_follow_todays_roles(db: Any) -> None:
    city = OrganisationFactory(name="Thành ủy")
    district = OrganisationFactory(name="Quận ủy", parent=city)
    board = OrganisationFactory(name="Ban A (cũ)", parent=district)
    ward = OrganisationFactory(name="Đảng ủy phường B", parent=district)
    user = UserFactory()
    Membership.objects.create(
        user=user,
        organisation=board,
        role=Role.REPORTER,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    Membership.objects.create(user=user, organisation=ward, role=Role.OFFICE)
    assert author_unit_of(user) == ward  # "Ban A" sorts first, but that role has ended
    assert list(committees_managed_by(user)) == [ward]
    assert author_unit_of(AnonymousUser()) is None
    assert author_unit_of(SYSTEM) is None
    assert list(committees_managed_by(AnonymousUser())) == []
    site_admin = UserFactory(is_superuser=True)
    assert set(committees_managed_by(site_admin)) >= {city, district, ward}
