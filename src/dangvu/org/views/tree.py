"""The tree on a day (collapsed, children on demand, search) and an organisation's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.core.audit import entries_for
from dangvu.core.dates import within
from dangvu.core.http import as_of, render_page_or_partial
from dangvu.org import permissions, selectors
from dangvu.org.views._common import (
    SEARCH_LIMIT,
    predecessor_contributions,
)


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The tree on a day, collapsed (roots and the level under them; deeper levels load on
    demand), or the organisations whose name matches `q` at any time, ended ones marked."""
    day, date_error = as_of(request)
    query = request.GET.get("q", "").strip()[:100]
    context: dict[str, Any] = {
        "day": day,
        "date_error": date_error,
        "query": query,
        "can_manage": permissions.can_manage_organisations(request.user),
    }
    if query:
        found = list(selectors.organisation_search(query=query)[: SEARCH_LIMIT + 1])
        context["results"] = found[:SEARCH_LIMIT]
        context["more"] = len(found) > SEARCH_LIMIT
    else:
        context["roots"] = selectors.tree_first_page(day)
    return render_page_or_partial(request, "org/tree.html", "tree", context)


@login_required
def tree_children(request: HttpRequest, pk: int) -> HttpResponse:
    """One more level of the tree (HTMX)."""
    organisation = selectors.get_organisation(pk)
    day, _error = as_of(request)
    rows = selectors.tree_children(organisation, day)
    return render(request, "org/_children.html", {"rows": rows, "day": day})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    day, date_error = as_of(request)
    context = {
        "organisation": organisation,
        "day": day,
        "date_error": date_error,
        "exists_on_day": within(day, organisation.valid_from, organisation.valid_to),
        "ancestors": selectors.ancestors(organisation),
        "children": selectors.organisations_on(day).filter(parent=organisation),
        "positions": selectors.positions_on(organisation, day),
        "position_history": selectors.position_history(organisation),
        "terms": organisation.terms.all(),
        "predecessors": selectors.predecessors(organisation),
        "successors": selectors.successors(organisation),
        # the predecessors' report contributions, as history (those the user may read)
        "predecessor_contributions": predecessor_contributions(request.user, organisation)[:50],
        "audit_entries": entries_for(organisation)[:20],
        "can_manage": permissions.can_manage_organisation(request.user, organisation),
    }
    return render(request, "org/detail.html", context)
