"""Who may change accounts: named actions declared once on the policy.

- `api_token.revoke` (on a token): its owner, and administrators.
- `account.unlock` (on a user locked out after failed logins): administrators, and the office
  staff of an organisation the user holds a role in (or of one above it).
- `address.unlock`: administrators (an address belongs to no organisation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from dangvu.core import policy
from dangvu.org.enums import ORG_MANAGER_ROLES
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from dangvu.accounts.models import User


@rules.predicate
def owns_token(user: User, token: Any) -> bool:
    return bool(user.pk) and token.user_id == user.pk


@rules.predicate
def manages_one_of_their_organisations(user: User, locked: Any) -> bool:
    """`locked` is a user: one of their organisations is under the actor's office."""
    if locked is None:
        return False
    from dangvu.org.models import Organisation

    theirs = Organisation.objects.filter(memberships__user=locked)
    return theirs.filter(Scope.of(user).q(None, ORG_MANAGER_ROLES)).exists()


policy.declare("api_token.revoke", owns_token | rules.is_superuser)
policy.declare("account.unlock", manages_one_of_their_organisations | rules.is_superuser)
policy.declare("address.unlock", rules.is_superuser)
