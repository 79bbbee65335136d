"""The organisation API: the tree and its history to read; reorganisations and single successor
links to write, through the same checks and services as the workbook and the pages."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.policy import Actor
from dangvu.core.schema_types import Day, Line
from dangvu.org import imports, selectors, services
from dangvu.org.models import Succession
from dangvu.org.schemas import (
    LinkCreateIn,
    LinkOut,
    LinkUpdateIn,
    OrganisationDetailOut,
    OrganisationOut,
    ReorganisationCheckOut,
    ReorganisationCreatedOut,
    ReorganisationIn,
    ReorganisationOut,
    TreeNodeOut,
)

router = Router(tags=["organisations"])


def _actor(request: HttpRequest) -> Actor:
    """The signed-in user as the services' actor (the login is required before)."""
    return cast(Actor, request.user)


class AsOf(Schema):
    on: Day | None = None
    q: Line = ""


def _node(node: selectors.TreeNode) -> dict[str, Any]:
    return {"organisation": node.organisation, "children": [_node(c) for c in node.children]}


@router.get("/organisations", response=list[OrganisationOut])
def organisation_list(request: HttpRequest, filters: Query[AsOf]) -> Any:
    """Organisations that exist on `on`; with `q` and no `on`, matching ones at any time (a
    former unit has its `valid_to`). `q` ignores case and diacritics."""
    day = filters.on or (None if filters.q else today())
    return selectors.organisation_search(query=filters.q, day=day).order_by("path")


@router.get("/tree", response=list[TreeNodeOut])
def organisation_tree(request: HttpRequest, filters: Query[AsOf]) -> Any:
    """The tree as it stood on `on` (default today)."""
    return [_node(n) for n in selectors.organisation_tree(filters.on or today())]


def _link_out(link: Succession, other: Any) -> dict[str, Any]:
    return {
        "link_id": link.pk,
        "organisation_id": other.pk,
        "name": other.name,
        "kind": link.kind,
        "wording": link.wording,
        "clause": link.clause,
        "reorganisation": link.reorganisation.number if link.reorganisation else None,
    }


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
        "predecessors": [_link_out(s, s.predecessor) for s in selectors.predecessors(organisation)],
        "successors": [_link_out(s, s.successor) for s in selectors.successors(organisation)],
    }


@router.get("/reorganisations", response=list[ReorganisationOut])
def reorganisation_list(request: HttpRequest) -> Any:
    return selectors.reorganisations()


@router.get("/reorganisations/{reorganisation_id}/links", response=list[LinkOut])
def reorganisation_links(request: HttpRequest, reorganisation_id: int) -> Any:
    return selectors.reorganisation_links(selectors.get_reorganisation(reorganisation_id))


@router.post(
    "/reorganisations",
    response={
        201: ReorganisationCreatedOut,
        200: ReorganisationCheckOut,
        422: ReorganisationCheckOut,
    },
)
def reorganisation_create(request: HttpRequest, data: ReorganisationIn) -> Any:
    """One reorganisation, all or nothing: the act, units to create, units to update or close,
    successor links, people with their positions (and accounts, roles), roles of existing
    accounts — the workbook's sheets, through the same checks and services. Every row is
    checked first as the workbook's preview checks it (422 with the rows and their errors,
    each named by its list and its place in it, from 1); `dry_run` stops after the check (200).
    The accounts created come back with their one-time link to set a password."""
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_("Only office staff and administrators may change organisations."))
    payload = data.model_dump()
    plan = imports.read_payload(payload, by=_actor(request))
    errors = [
        {
            "sheet": row.sheet,
            "row": row.number,
            "errors": row.errors,
            "message": _("Sheet “%(sheet)s”, row %(row)d: %(errors)s")
            % {"sheet": row.sheet, "row": row.number, "errors": " ".join(row.errors)},
        }
        for row in plan.rows
        if row.errors
    ]
    if not plan.act:  # the act's fields all empty: this endpoint records an act
        refusal = _("Give the decision: its number, date, issuer and effective day.")
        sheet = imports.ACT_SHEET
        errors.insert(
            0,
            {
                "sheet": sheet,
                "row": 1,
                "errors": [refusal],
                "message": _("Sheet “%(sheet)s”, row %(row)d: %(errors)s")
                % {"sheet": sheet, "row": 1, "errors": refusal},
            },
        )
    if errors:
        return Status(422, {"valid": False, "errors": errors})
    if data.dry_run:
        return Status(200, {"valid": True, "errors": []})
    result = imports.apply_plan_or_error(plan.to_payload(), by=_actor(request))
    act = result.pop("reorganisation")
    accounts = result.pop("accounts")
    return Status(
        201,
        {
            **ReorganisationOut.model_validate(act).model_dump(),
            "counts": result,
            "accounts": [
                {
                    "username": user.username,
                    "full_name": user.full_name,
                    "email": user.email,
                    "setup_link": request.build_absolute_uri(services.account_setup_link(user)),
                }
                for user in accounts
            ],
        },
    )


@router.post("/successions", response={201: LinkOut})
def succession_create(request: HttpRequest, data: LinkCreateIn) -> Any:
    link = services.succession_add(
        predecessor=selectors.get_organisation(data.predecessor_id),
        successor=selectors.get_organisation(data.successor_id),
        kind=data.kind,
        wording=data.wording,
        clause=data.clause,
        by=_actor(request),
    )
    return Status(201, link)


@router.patch("/successions/{link_id}", response=LinkOut)
def succession_update(request: HttpRequest, link_id: int, data: LinkUpdateIn) -> Any:
    return services.succession_update(
        link=selectors.get_succession(link_id),
        kind=data.kind,
        wording=data.wording,
        clause=data.clause,
        by=_actor(request),
    )


@router.delete("/successions/{link_id}", response={204: None})
def succession_delete(request: HttpRequest, link_id: int) -> Any:
    services.succession_remove(link=selectors.get_succession(link_id), by=_actor(request))
    return Status(204, None)
