from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from dangvu.core.dates import today
from dangvu.core.schema_types import Day, Line
from dangvu.org import selectors
from dangvu.org.schemas import OrganisationDetailOut, OrganisationOut, TreeNodeOut

router = Router(tags=["organisations"])


class AsOf(Schema):
    on: Day | None = None
    q: Line = ""


def _node(node: selectors.TreeNode) -> dict[str, Any]:
    return {"organisation": node.organisation, "children": [_node(c) for c in node.children]}


@router.get("/organisations", response=list[OrganisationOut])
def organisation_list(request: HttpRequest, filters: Query[AsOf]) -> Any:
    """Organisations that exist on `on` (default today), optionally matching `q`."""
    return selectors.organisation_search(query=filters.q, day=filters.on or today()).order_by(
        "path"
    )


@router.get("/tree", response=list[TreeNodeOut])
def organisation_tree(request: HttpRequest, filters: Query[AsOf]) -> Any:
    """The tree as it stood on `on` (default today)."""
    return [_node(n) for n in selectors.organisation_tree(filters.on or today())]


@router.get("/organisations/{organisation_id}", response=OrganisationDetailOut)
def organisation_detail(request: HttpRequest, organisation_id: int, on: Day | None = None) -> Any:
    organisation = selectors.get_organisation(organisation_id)
    day = on or today()
    return {
        **OrganisationOut.model_validate(organisation).model_dump(),
        "positions": [
            {
                "person": p.person.full_name,
                "title": p.title,
                "valid_from": p.valid_from,
                "valid_to": p.valid_to,
            }
            for p in selectors.positions_on(organisation, day)
        ],
        "predecessors": [
            {"organisation_id": s.predecessor_id, "name": s.predecessor.name, "kind": s.kind}
            for s in selectors.predecessors(organisation)
        ],
        "successors": [
            {"organisation_id": s.successor_id, "name": s.successor.name, "kind": s.kind}
            for s in selectors.successors(organisation)
        ],
    }
