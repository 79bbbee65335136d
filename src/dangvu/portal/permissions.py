"""Who may do what with a committee's portal.

- The committee's office (and administrators) set the portal up, grant its roles and draft an
  article from a conference: `can_manage_portal`; from an issued report:
  `portal.article_from_report` (declared on the policy).
- Scheduled publishing is the worker's (`portal.publish_scheduled`: system actors only).
- Writers (biên tập) and reviewers (duyệt bài) are office staff of the committee; a unit's
  reporter under it may be a contributor (cộng tác viên), who proposes articles and cannot publish.
  Wagtail enforces the page permissions of each role's group; these predicates decide who may
  be put in a group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from dangvu.core import policy
from dangvu.meetings.enums import ConferenceState
from dangvu.meetings.models import Conference
from dangvu.org import permissions as org_permissions
from dangvu.org.enums import ORG_MANAGER_ROLES, Role
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor


class PortalRole:
    WRITER = "writer"
    REVIEWER = "reviewer"
    CONTRIBUTOR = "contributor"
    ALL = (WRITER, REVIEWER, CONTRIBUTOR)


def can_manage_portal(user: Actor | AnonymousUser, committee: Organisation) -> bool:
    return org_permissions.can_manage_organisation(user, committee)


def may_hold_role(user: Actor | AnonymousUser, committee: Organisation, role: str) -> bool:
    """Writers and reviewers: office staff (or administrators) of the committee; contributors:
    besides them, reporters and heads of a unit under it."""
    if org_permissions.can_manage_organisation(user, committee):
        return True
    if role != PortalRole.CONTRIBUTOR:
        return False
    paths = org_permissions.role_paths(user)
    held = paths.get(Role.REPORTER, []) + paths.get(Role.HEAD, [])
    return any(path.startswith(committee.path) for path in held)


def conference_is_reportable(conference: Conference) -> bool:
    """Held (or closed) with an issued conclusion."""
    conclusion = getattr(conference, "conclusion", None)
    return (
        conference.state in (ConferenceState.HELD, ConferenceState.CLOSED)
        and conclusion is not None
        and conclusion.is_issued
    )


def can_draft_article(user: Actor | AnonymousUser, conference: Conference) -> bool:
    return can_manage_portal(user, conference.committee)


@rules.predicate
def manages_report_committee(user: User, issued_report: Any) -> bool:
    """Office staff and administrators of the committee that issued the report (or above it)."""
    return Scope.of(user).covers(issued_report.period.committee, ORG_MANAGER_ROLES)


# "Đăng lên cổng thông tin" on an issued report: the committee's office drafts the article.
policy.declare("portal.article_from_report", manages_report_committee)
# Scheduled publishing (Wagtail's go-live and expiry dates): the worker alone, no person.
policy.declare("portal.publish_scheduled", rules.always_deny)
