"""What the org services share: the refusal messages, the audited fields, the folded name and
the record of a reorganisation's changes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from dangvu.core.text import fold
from dangvu.org.models import (
    Organisation,
    Reorganisation,
    ReorganisationChange,
)

ORG_AUDIT_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "issuer_code",
    "parent",
    "sort_order",
    "valid_from",
    "valid_to",
]

_CREATE_REFUSAL = gettext_lazy(
    "You may create organisations only under one you manage (office staff or administrator)."
)
_CHANGE_REFUSAL = gettext_lazy(
    "Only office staff and administrators of this organisation or above it may change it."
)
_MANAGE_LINK_REFUSAL = gettext_lazy(
    "A succession is recorded by the office that manages both the predecessor and the successor."
)
_REORGANISE_REFUSAL = gettext_lazy(
    "Only office staff and administrators may record a reorganisation."
)
_MEMBERSHIP_REFUSAL = gettext_lazy(
    "You may grant and end roles only in organisations you manage (the administrator role: "
    "administrators only)."
)


def folded_name(name: str, short_name: str = "") -> str:
    """What name searches match: the full and the short name, folded (see core.text.fold)."""
    return fold(f"{name} {short_name}") if short_name else fold(name)


def _record_change(
    reorganisation: Reorganisation | None,
    organisation: Organisation,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    if reorganisation is not None:
        ReorganisationChange.objects.create(
            reorganisation=reorganisation,
            organisation=organisation,
            action=action,
            before=before,
            after=after,
        )
