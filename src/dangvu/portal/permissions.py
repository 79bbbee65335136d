"""Who may do what with a committee's portal.

- The committee's office (and administrators above it) set the portal up and grant its roles
  (`portal.manage`), draft an article from a conference (`portal.article_from_conference`) or
  from an issued report (`portal.article_from_report`), and publish issued documents under
  "Văn bản" (`portal.document_publish`). Every write service asks the policy (`policy.require`):
  no actor (None) is refused like anyone else.
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
    return policy.allowed(user, "portal.manage", committee)


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
    return policy.allowed(user, "portal.article_from_conference", conference)


def can_publish_documents(user: Actor | AnonymousUser, committee: Organisation) -> bool:
    return policy.allowed(user, "portal.document_publish", committee)


@rules.predicate
def manages_committee(user: User, committee: Organisation) -> bool:
    """Office staff and administrators of the committee (or above it)."""
    return committee is not None and Scope.of(user).covers(committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_conference_committee(user: User, conference: Conference) -> bool:
    return conference is not None and Scope.of(user).covers(conference.committee, ORG_MANAGER_ROLES)


@rules.predicate
def manages_report_committee(user: User, issued_report: Any) -> bool:
    """Office staff and administrators of the committee that issued the report (or above it)."""
    return issued_report is not None and Scope.of(user).covers(
        issued_report.period.committee, ORG_MANAGER_ROLES
    )


# Setting a committee's portal up and granting its roles (the object: the committee).
policy.declare("portal.manage", manages_committee)
# "Tạo bài viết" on a held conference: the office of the conference's committee.
policy.declare("portal.article_from_conference", manages_conference_committee)
# Publishing an issued notice or report under "Văn bản" (the object: the committee).
policy.declare("portal.document_publish", manages_committee)


# "Đăng lên cổng thông tin" on an issued report: the committee's office drafts the article.
policy.declare("portal.article_from_report", manages_report_committee)
# Scheduled publishing (Wagtail's go-live and expiry dates): the worker alone, no person.
policy.declare("portal.publish_scheduled", rules.always_deny)
