"""Who may change a conference: named actions declared once on the policy.

- `conference.create` (on a committee): its office staff and administrators (or an ancestor's).
- `conference.edit` (agenda, invitations, attendance, minutes, conclusion, notice, state): those,
  the chair, and the people the chair delegates.
- `conference.delegate`: the office and the chair (a delegate cannot delegate further).
- Turning a conclusion item into a task also needs `task.create` on the committee (the task
  rules, `assignments.permissions`): a delegate who is a unit reporter edits the record, but
  does not give the committee tasks.

Reading: the office, the chair, delegates, the people invited and the members of an invited
organisation; everyone else gets a 404 (see `selectors.get_conference_for_user`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from dangvu.core import policy
from dangvu.meetings.models import Conference
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor


@rules.predicate
def manages_committee(user: User, committee: Organisation | None) -> bool:
    return Scope.of(user).covers(committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_conference(user: User, conference: Conference) -> bool:
    return Scope.of(user).covers(conference.committee, ORG_MANAGER_ROLES)


@rules.predicate
def is_chair(user: User, conference: Conference) -> bool:
    return bool(
        conference.chair is not None
        and conference.chair.user_id is not None
        and conference.chair.user_id == user.pk
    )


@rules.predicate
def is_delegate(user: User, conference: Conference) -> bool:
    return bool(user.pk and conference.delegates.filter(pk=user.pk).exists())


policy.declare("conference.create", manages_committee)
policy.declare("conference.edit", manages_conference | is_chair | is_delegate)
policy.declare("conference.delegate", manages_conference | is_chair)


def can_create_conferences(user: Actor | AnonymousUser) -> bool:
    """May the user plan conferences somewhere (to show the button)?"""
    return Scope.of(user).has_any(ORG_MANAGER_ROLES)
