"""Who may change notifications: named actions declared once on the policy.

- `notification.mark_read` (on a notification): only the person it was written for.
- `notification.mark_all_read`: any signed-in person (it touches only their own).
- `reminders.send`: Dangvu's worker (`policy.WORKER`) and administrators.

Reading: a user only ever sees their own (`selectors.notifications_for`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from dangvu.core import policy

if TYPE_CHECKING:
    from dangvu.accounts.models import User


@rules.predicate
def is_recipient(user: User, notification: Any) -> bool:
    return bool(user.pk) and notification.user_id == user.pk


policy.declare("notification.mark_read", is_recipient)
policy.declare("notification.mark_all_read", rules.is_authenticated)
policy.declare("reminders.send", rules.is_superuser)
