"""Role groups the apps' policies share, and the one `unit_paths` (see `org.scope.Scope`).

- `UNIT_ROLES`: the people who act for a unit (its reporters and heads; đơn vị chủ trì, phối hợp).
- `AUTHORITY_ROLES`: the heads and leaders of an accepting authority (cấp có thẩm quyền).
- `LEADER_ROLES`: the committee's leaders, who read everything under them (lãnh đạo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangvu.org.enums import Role
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

UNIT_ROLES: frozenset[str] = frozenset({Role.REPORTER, Role.HEAD})
HEAD_ROLES: frozenset[str] = frozenset({Role.HEAD})
AUTHORITY_ROLES: frozenset[str] = frozenset({Role.HEAD, Role.LEADER})
LEADER_ROLES: frozenset[str] = frozenset({Role.LEADER})


def unit_paths(user: Actor | AnonymousUser) -> list[str]:
    """Tree paths of the units the user reports for or heads (today)."""
    return Scope.of(user).paths(UNIT_ROLES)
