"""What the organisation pages share: the actor, the refusal, the session key of the import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from dangvu.core import policy
from dangvu.core.policy import Actor
from dangvu.org import selectors
from dangvu.org.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

IMPORT_SESSION_KEY = "org_import_payload"


def _actor(request: HttpRequest) -> Actor:
    """The signed-in user as the services' actor (the login is required before)."""
    return cast(Actor, request.user)


def predecessor_contributions(user: Actor | AnonymousUser, organisation: Organisation) -> Any:
    """The report contributions of the units before `organisation` that `user` may read."""
    from dangvu.reports.selectors import contributions_visible_to

    units = selectors.predecessor_units(organisation).values("pk")
    return contributions_visible_to(user).filter(unit__in=units).order_by("-period__ends_on", "pk")


_REFUSAL = gettext_lazy("Only office staff and administrators may change organisations.")


def _require_manager(request: HttpRequest, organisation: Organisation | None) -> None:
    """Whether to show the form at all (the services decide again when writing)."""
    action = "organisation.create_under" if organisation is None else "organisation.update"
    if not policy.allowed(request.user, action, organisation):
        raise PermissionDenied(_REFUSAL)


SEARCH_LIMIT = 50
