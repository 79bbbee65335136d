"""What every check of the import shares: the organisations as they will stand after it
(stored, changed or new) and the actor's policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dangvu.core import policy
from dangvu.core.policy import Actor
from dangvu.org import succession_rules
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.imports.reading import (
    ImportPlan,
    Row,
    _label_table,
)
from dangvu.org.models import Organisation


@dataclass
class Known:
    """An organisation as it will stand after the import: stored, changed or new."""

    code: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    path: str  # for the policy: the real path, or the parent's with a placeholder for new ones
    stored: Organisation | None
    parent: str = ""
    row: Row | None = None

    def policy_object(self) -> Organisation:
        """An Organisation the policy can ask `covers` about (unsaved for a new unit)."""
        if self.stored is not None:
            return self.stored
        return Organisation(code=self.code, name=self.name, path=self.path)

    def unit(self) -> succession_rules.Unit:
        return succession_rules.Unit(self.code, self.name, self.valid_from, self.valid_to)


class CheckerBase:
    """The plan, the actor and the organisations known by code (the checks add the new ones)."""

    def __init__(self, plan: ImportPlan, by: Actor) -> None:
        self.plan = plan
        self.by = by
        self.kinds = _label_table(OrgKind)
        self.link_kinds = _label_table(SuccessionKind)
        self.known: dict[str, Known] = {
            o.code: Known(o.code, o.name, o.valid_from, o.valid_to, o.path, o)
            for o in Organisation.objects.only(
                "code", "name", "valid_from", "valid_to", "path", "parent_id"
            )
        }
        self.stored_codes = set(self.known)

    def allowed(self, action: str, obj: Any) -> bool:
        return policy.allowed(self.by, action, obj)
