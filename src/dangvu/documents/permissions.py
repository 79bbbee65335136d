"""Who may read and keep the register of outgoing documents of an issuer.

- The office staff and administrators of the issuer (or of an ancestor) keep it: they record
  numbers and attach the signed scans.
- Its leaders read it and download the documents."""

from __future__ import annotations

from typing import Any

from dangvu.org import permissions as org_permissions
from dangvu.org.enums import Role
from dangvu.org.models import Organisation


def can_keep_register(user: Any, issuer: Organisation) -> bool:
    return org_permissions.can_manage_organisation(user, issuer)


def can_read_register(user: Any, issuer: Organisation) -> bool:
    if can_keep_register(user, issuer):
        return True
    if not user.is_authenticated:
        return False
    leaders = org_permissions.role_paths(user).get(Role.LEADER, [])
    return any(issuer.path.startswith(path) for path in leaders)
