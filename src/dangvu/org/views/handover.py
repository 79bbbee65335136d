"""The hand-over plan of a reorganisation, for all its units or one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.core import policy
from dangvu.org import handover, selectors
from dangvu.org.views._common import (
    _REFUSAL,
    _actor,
)

HANDOVER_PAGE = 100


def _handover_response(request: HttpRequest, act: Any, **kwargs: Any) -> HttpResponse | None:
    """Carry out the posted choices; a refusal is shown and nothing is written."""
    if request.method != "POST":
        return None
    plans = handover.handover_plan(act)
    bulk, items = handover.parse_choices(request.POST, plans)
    try:
        counts = handover.handover_carry_out(
            act=act, by=_actor(request), bulk=bulk, items=items, **kwargs
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return None
    messages.success(
        request,
        _(
            "Handed over: %(tasks)d task(s), %(contributions)d report contribution(s), "
            "%(memberships)d role(s), %(members)d Party member(s)."
        )
        % counts,
    )
    return redirect("org:handover", pk=act.pk)


@login_required
@require_http_methods(["GET", "POST"])
def handover_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The open work of the act's ended units and where it goes: automatic for a single
    successor, the office's choice for a unit split in several."""
    act = selectors.get_reorganisation(pk)
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    response = _handover_response(request, act)
    if response is not None:
        return response
    pending = [p for p in handover.handover_plan(act) if p.open_items]
    # A city's act ends hundreds of units: a page of them at a time (each with its choice).
    page = Paginator(pending, HANDOVER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "org/handover.html",
        {"act": act, "plans": page.object_list, "page": page, "done": not pending},
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """One ended unit's open work, item by item."""
    act = selectors.get_reorganisation(pk)
    unit = selectors.get_organisation(unit_pk)
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    response = _handover_response(request, act, only_unit=unit)
    if response is not None:
        return response
    plan = handover.unit_items(act, unit)
    if plan is None:
        raise Http404(_("No such organisation."))
    return render(request, "org/handover_unit.html", {"act": act, "plan": plan})
