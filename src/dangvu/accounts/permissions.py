"""Who may change accounts: named actions declared once on the policy.

- `api_token.create`, `calendar_feed.regenerate` (on the user the secret is for): that user
  alone; nobody makes a secret that opens another person's account or calendar.
- `api_token.revoke` (on a token): its owner, and administrators.
- `account.create_superuser`: administrators of the site (superusers) and system work (the demo);
  a plain account is `account.create` (the org policy: the office, somewhere).
- `lockout.list` (the page of locked accounts and addresses): the office and administrators
  somewhere, and superusers; each row's unlock is asked of `account.unlock` / `address.unlock`.
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
def is_self(user: User, account: Any) -> bool:
    return bool(user.pk) and getattr(account, "pk", None) == user.pk


@rules.predicate
def manages_somewhere(user: User) -> bool:
    return Scope.of(user).has_any(ORG_MANAGER_ROLES)


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


policy.declare("api_token.create", is_self)
policy.declare("calendar_feed.regenerate", is_self)
policy.declare("account.create_superuser", rules.is_superuser)
policy.declare("lockout.list", manages_somewhere | rules.is_superuser)
policy.declare("api_token.revoke", owns_token | rules.is_superuser)
policy.declare("account.unlock", manages_one_of_their_organisations | rules.is_superuser)
policy.declare("address.unlock", rules.is_superuser)
