"""Who may change period reports: named actions declared once on the policy.

- `period.create` (on a committee; also its outline templates) and `period.manage` (outline,
  requests, reminders, the draft, answers to comments, issuing): the office staff and
  administrators of the committee or of an ancestor.
- `contribution.accept`, `contribution.return`: the same office, for its period.
- `contribution.write` (save, send to the head, attachments, DOCX import): the unit's reporters
  and heads (the services refuse, as bad input, a contribution that is no longer editable).
- `contribution.submit`: only the unit's head (thủ trưởng đơn vị).
- `contribution.review`: the unit's head, on a contribution the reporter sent him (status
  "ready"): he edits it himself, or returns it to the reporter with a reason.
- `period.comment`: the office, the committee's leaders, and the units asked to contribute.

Reading is scoped by `selectors` (a membership covers the unit and the units under it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from dangvu.core import policy
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.roles import HEAD_ROLES, LEADER_ROLES, UNIT_ROLES
from dangvu.org.scope import Scope
from dangvu.reports.enums import EDITABLE_STATUSES, ContributionStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor

SUBMITTABLE_STATUSES = (*EDITABLE_STATUSES, ContributionStatus.READY)


@rules.predicate
def manages_committee(user: User, committee: Organisation | None) -> bool:
    return Scope.of(user).covers(committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_period(user: User, period: Any) -> bool:
    return Scope.of(user).covers(period.committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_contribution_period(user: User, contribution: Any) -> bool:
    return Scope.of(user).covers(contribution.period.committee, ORG_MANAGER_ROLES)


@rules.predicate
def leads_period_committee(user: User, period: Any) -> bool:
    return Scope.of(user).covers(period.committee, LEADER_ROLES)


@rules.predicate
def contributes_to(user: User, period: Any) -> bool:
    """The user reports for or heads a unit asked to contribute to the period."""
    scope = Scope.of(user)
    if not scope.has_any(UNIT_ROLES):
        return False
    return period.contributions.filter(scope.q("unit", UNIT_ROLES)).exists()


@rules.predicate
def writes_for_unit(user: User, contribution: Any) -> bool:
    return Scope.of(user).covers(contribution.unit, UNIT_ROLES)


@rules.predicate
def heads_unit(user: User, contribution: Any) -> bool:
    return Scope.of(user).covers(contribution.unit, HEAD_ROLES)


policy.declare("period.create", manages_committee)
policy.declare("period.manage", manages_period)
policy.declare("period.comment", manages_period | leads_period_committee | contributes_to)
policy.declare("contribution.write", writes_for_unit)
policy.declare("contribution.submit", heads_unit)
policy.declare("contribution.review", heads_unit)
policy.declare("contribution.accept", manages_contribution_period)
policy.declare("contribution.return", manages_contribution_period)


def can_run_periods(user: Actor | AnonymousUser) -> bool:
    """May the user open periods somewhere (to show the button)?"""
    return Scope.of(user).has_any(ORG_MANAGER_ROLES)


def may_edit(user: Actor | AnonymousUser, contribution: Any) -> bool:
    """May the user change the text now: the unit's people while it is being written or was
    returned by the office; its head (only) once the reporter sent it to him."""
    if contribution.status == ContributionStatus.READY:
        return policy.allowed(user, "contribution.review", contribution)
    return contribution.status in EDITABLE_STATUSES and policy.allowed(
        user, "contribution.write", contribution
    )


def can_write_now(user: Actor | AnonymousUser, contribution: Any) -> bool:
    """Show the contribution's form (see `may_edit`)."""
    return may_edit(user, contribution)


def can_send_now(user: Actor | AnonymousUser, contribution: Any) -> bool:
    """Show "send to the unit head": the unit's people, while it is editable."""
    return contribution.status in EDITABLE_STATUSES and policy.allowed(
        user, "contribution.write", contribution
    )


def can_return_to_reporter_now(user: Actor | AnonymousUser, contribution: Any) -> bool:
    """Show the head's "return to the reporter" form: on a contribution sent to him."""
    return contribution.status == ContributionStatus.READY and policy.allowed(
        user, "contribution.review", contribution
    )


def can_submit_now(user: Actor | AnonymousUser, contribution: Any) -> bool:
    """Show the submit button: the unit's head, while it is editable or ready."""
    return contribution.status in SUBMITTABLE_STATUSES and policy.allowed(
        user, "contribution.submit", contribution
    )
