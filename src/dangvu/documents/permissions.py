"""Who may read and keep the register of outgoing documents of an issuer (sổ đăng ký văn bản đi).

- The office staff and administrators of the issuer (or of an ancestor) keep it: they record
  numbers and attach the signed scans (`register.keep`).
- They and its leaders read it and download the documents (`register.read`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from dangvu.core import policy
from dangvu.org.enums import ORG_MANAGER_ROLES, Role
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor


@rules.predicate
def keeps_register(user: User, issuer: Organisation) -> bool:
    return Scope.of(user).covers(issuer, ORG_MANAGER_ROLES)


@rules.predicate
def leads_issuer(user: User, issuer: Organisation) -> bool:
    return Scope.of(user).covers(issuer, {Role.LEADER})


policy.declare("register.keep", keeps_register)
policy.declare("register.read", keeps_register | leads_issuer)


def can_keep_register(user: Actor | AnonymousUser, issuer: Organisation) -> bool:
    return policy.allowed(user, "register.keep", issuer)


def can_read_register(user: Actor | AnonymousUser, issuer: Organisation) -> bool:
    return policy.allowed(user, "register.read", issuer)
