"""Who may do what with period reports: predicates over memberships and the organisation tree.

- Office staff and administrators of the committee (or of an ancestor) run its periods: they open
  them, request, accept and return contributions, edit the draft, answer comments and issue.
- Leaders of the committee (or above) read everything and may comment.
- A unit's reporters write its contribution; its heads write and submit it. They see only their
  unit's contributions (a membership covers the unit and the units under it) and may comment on
  drafts of periods they contribute to.
"""

from __future__ import annotations

from typing import Any

from dangvu.org import permissions as org_permissions
from dangvu.org.enums import Role
from dangvu.org.models import Organisation
from dangvu.reports.enums import EDITABLE_STATUSES, ContributionStatus

UNIT_ROLES = frozenset({Role.REPORTER, Role.HEAD})


def _under(path: str, paths: list[str]) -> bool:
    return any(path.startswith(p) for p in paths)


def can_run_periods(user: Any) -> bool:
    return org_permissions.can_manage_organisations(user)


def can_manage_period(user: Any, period: Any) -> bool:
    return org_permissions.can_manage_organisation(user, period.committee)


def can_manage_committee(user: Any, committee: Organisation) -> bool:
    return org_permissions.can_manage_organisation(user, committee)


def is_leader_of(user: Any, committee: Organisation) -> bool:
    return _under(committee.path, org_permissions.role_paths(user).get(Role.LEADER, []))


def unit_paths(user: Any, roles: frozenset[str] = UNIT_ROLES) -> list[str]:
    paths = org_permissions.role_paths(user)
    return [p for role in roles for p in paths.get(role, [])]


def is_member_of_unit(user: Any, unit: Organisation) -> bool:
    return user.is_authenticated and _under(unit.path, unit_paths(user))


def can_write_contribution(user: Any, contribution: Any) -> bool:
    """The unit's reporters and heads, while it is being written or after it was returned."""
    return contribution.status in EDITABLE_STATUSES and is_member_of_unit(user, contribution.unit)


def can_send_to_head(user: Any, contribution: Any) -> bool:
    return can_write_contribution(user, contribution)


def can_submit_contribution(user: Any, contribution: Any) -> bool:
    """Only the unit's head submits to the office."""
    return contribution.status in (
        *EDITABLE_STATUSES,
        ContributionStatus.READY,
    ) and _under(contribution.unit.path, unit_paths(user, frozenset({Role.HEAD})))


def can_comment(user: Any, period: Any) -> bool:
    """Office, leaders and the units asked to contribute."""
    return bool(
        user.is_authenticated
        and (
            can_manage_period(user, period)
            or is_leader_of(user, period.committee)
            or bool(unit_paths(user))
        )
    )
