"""The policy: who may do which named action, declared once per app, asked by every door.

Each app's `permissions.py` declares its actions as `rules` predicates (pretalx's way):

    policy.declare("task.accept", is_task_office | is_authority_head_or_leader)

Write services call `policy.require(actor, "task.accept", task)` inside their transaction, before
they write anything; views and the API call `policy.allowed(...)` only to decide what to show.
A refusal is a `PermissionDenied` carrying a Vietnamese message the pages and the API show.

Actors are users or an explicit `SystemActor` (the worker's jobs, imports run from the command
line, the demo loader): a system actor is allowed everything and is recorded as no user in the
audit log. `None` and anonymous users are allowed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dangvu.accounts.models import User

_policy = rules.RuleSet()


@dataclass(frozen=True)
class SystemActor:
    """Work done by Dangvu itself, not by a signed-in person (jobs, imports, the demo)."""

    name: str
    pk: None = None
    is_authenticated: bool = True
    is_superuser: bool = True
    is_active: bool = True

    def __str__(self) -> str:
        return f"system:{self.name}"


SYSTEM = SystemActor("system")
DEMO = SystemActor("demo")
WORKER = SystemActor("worker")

Actor: TypeAlias = "User | SystemActor"

DEFAULT_REFUSAL = _("You are not allowed to do this.")


def declare(action: str, predicate: Any) -> None:
    """Name an action and the predicate that allows it (once, in an app's permissions.py)."""
    if _policy.rule_exists(action):
        _policy.set_rule(action, predicate)
    else:
        _policy.add_rule(action, predicate)


def is_declared(action: str) -> bool:
    return bool(_policy.rule_exists(action))


def actions() -> list[str]:
    """Every declared action name (the permission matrix test walks them)."""
    return sorted(_policy.keys())


def allowed(actor: Any, action: str, obj: Any = None) -> bool:
    """May `actor` do `action` (on `obj`)? Unknown actions are refused, never allowed."""
    if not _policy.rule_exists(action):
        raise KeyError(f"undeclared action {action!r}")
    if isinstance(actor, SystemActor):
        return True
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if not getattr(actor, "is_active", True):
        return False
    return bool(_policy.test_rule(action, actor, obj))


def require(actor: Any, action: str, obj: Any = None, message: Any = None) -> None:
    """Raise `PermissionDenied` (with a Vietnamese message) unless `actor` may do `action`."""
    if not allowed(actor, action, obj):
        raise PermissionDenied(message or DEFAULT_REFUSAL)


def audit_actor(actor: Any) -> Any:
    """The user to store in a `created_by`-style field: None for system work and anonymous users."""
    return actor if getattr(actor, "pk", None) else None


def actor_of(request: Any) -> Actor:
    """The signed-in user behind a request, as an actor for the services. Pages and API
    handlers are behind a login; an anonymous request is refused here (never passed on)."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        raise PermissionDenied(DEFAULT_REFUSAL)
    return cast("User", user)
