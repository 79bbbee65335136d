"""Who may see and change a conference.

- Edit: office staff and administrators of the committee (or an ancestor), and the chair.
- Read: those, the people invited, and the members of an invited organisation.
- Everyone else gets a 404 (see `selectors.get_conference_for_user`).
"""

from __future__ import annotations

from typing import Any

from dangvu.meetings.models import Conference
from dangvu.org import permissions as org_permissions
from dangvu.org.models import Organisation


def is_chair(user: Any, conference: Conference) -> bool:
    return bool(
        user.is_authenticated
        and conference.chair is not None
        and conference.chair.user_id is not None
        and conference.chair.user_id == user.pk
    )


def is_delegate(user: Any, conference: Conference) -> bool:
    return bool(user.is_authenticated and conference.delegates.filter(pk=user.pk).exists())


def can_edit_conference(user: Any, conference: Conference) -> bool:
    """The committee's office, the chair, and the people the chair delegates."""
    return (
        org_permissions.can_manage_organisation(user, conference.committee)
        or is_chair(user, conference)
        or is_delegate(user, conference)
    )


def can_delegate(user: Any, conference: Conference) -> bool:
    """The office and the chair name the chair's delegates (a delegate cannot delegate further)."""
    return org_permissions.can_manage_organisation(user, conference.committee) or is_chair(
        user, conference
    )


def can_create_conference_for(user: Any, committee: Organisation) -> bool:
    return org_permissions.can_manage_organisation(user, committee)


def can_create_conferences(user: Any) -> bool:
    return org_permissions.can_manage_organisations(user)
