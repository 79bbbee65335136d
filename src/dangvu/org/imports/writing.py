"""Writing a checked plan through the services, in one transaction: any error rolls the whole
import back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.policy import Actor
from dangvu.org import services
from dangvu.org.models import Organisation, Person


def _parents_first(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_code = {row["code"]: row for row in rows}
    ordered: list[dict[str, str]] = []
    placed: set[str] = set()

    def place(row: dict[str, str]) -> None:
        if row["code"] in placed:
            return
        parent = by_code.get(row["parent"])
        if parent is not None:
            place(parent)
        placed.add(row["code"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def apply_plan(payload: dict[str, Any], *, by: Actor) -> dict[str, Any]:
    """Write a checked plan through the services. Any error rolls the whole import back."""
    act = None
    if payload.get("act"):
        v = payload["act"][0]
        act = services.reorganisation_create(
            number=v["number"],
            title=v.get("title", ""),
            issued_on=dt.date.fromisoformat(v["issued_on"]),
            issuer=v["issuer"],
            effective_on=dt.date.fromisoformat(v["effective_on"]),
            by=by,
        )
    cache: dict[str, Organisation] = {}

    def org(code: str) -> Organisation:
        if code not in cache:
            cache[code] = Organisation.objects.get(code=code)
        return cache[code]

    created = 0
    for v in _parents_first(payload.get("organisations", [])):
        cache[v["code"]] = services.organisation_create(
            code=v["code"],
            name=v["name"],
            short_name=v["short_name"],
            kind=v["kind"],
            issuer_code=v["issuer_code"],
            parent=org(v["parent"]) if v["parent"] else None,
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=_day(v["valid_to"]),
            sort_order=int(v.get("sort_order") or 0),
            reorganisation=act,
            by=by,
        )
        created += 1
    updated = closed = 0
    for v in payload.get("updates", []):
        organisation = org(v["code"])
        if any(v[k] for k in ("name", "short_name", "kind", "issuer_code", "sort_order")):
            services.organisation_update(
                organisation=organisation,
                name=v["name"] or organisation.name,
                short_name=v["short_name"] or organisation.short_name,
                kind=v["kind"] or organisation.kind,
                issuer_code=v["issuer_code"] or organisation.issuer_code,
                sort_order=int(v["sort_order"]) if v["sort_order"] else organisation.sort_order,
                reorganisation=act,
                by=by,
            )
            updated += 1
    for v in payload.get("updates", []):
        if v["close_on"]:
            organisation = Organisation.objects.get(code=v["code"])
            services.organisation_close(
                organisation=organisation,
                on=dt.date.fromisoformat(v["close_on"]),
                reorganisation=act,
                by=by,
            )
            closed += 1
    cache.clear()  # the closings changed the ends
    links = 0
    graph = services.link_graph() if payload.get("links") else None
    for v in payload.get("links", []):
        services.succession_add(
            predecessor=org(v["predecessor"]),
            successor=org(v["successor"]),
            kind=v["kind"],
            wording=v.get("wording", ""),
            clause=v.get("clause", ""),
            reorganisation=act,
            by=by,
            graph=graph,
        )
        links += 1
    people: dict[str, Person] = {}
    for v in payload.get("people", []):
        key = v["email"].casefold() or v["full_name"].casefold()
        person = people.get(key)
        if person is None and v["email"]:
            person = Person.objects.filter(email__iexact=v["email"]).first()
        if person is None:
            person = services.person_create(
                full_name=v["full_name"], email=v["email"], phone=v["phone"], by=by
            )
        people[key] = person
        services.position_assign(
            person=person,
            organisation=org(v["organisation"]),
            title=v["title"],
            valid_from=dt.date.fromisoformat(v["valid_from"]),
            valid_to=_day(v["valid_to"]),
            by=by,
        )
    from dangvu.accounts.models import User

    granted = 0
    for v in payload.get("roles", []):
        services.membership_grant(
            user=User.objects.get(username=v["username"]),
            organisation=org(v["organisation"]),
            role=v["role"],
            valid_from=_day(v["valid_from"]),
            by=by,
        )
        granted += 1
    return {
        "reorganisation": act,
        "roles": granted,
        "organisations": created,
        "updated": updated,
        "closed": closed,
        "links": links,
        "positions": len(payload.get("people", [])),
    }


def apply_plan_or_error(payload: dict[str, Any], *, by: Actor) -> dict[str, Any]:
    """`apply_plan`, with a service's refusal turned into one readable ValidationError."""
    try:
        return apply_plan(payload, by=by)
    except (ValidationError, PermissionDenied, Organisation.DoesNotExist) as exc:
        detail = getattr(exc, "messages", None) or [str(exc)]
        raise ValidationError(
            _("Nothing was imported: the data changed since the preview (%(detail)s).")
            % {"detail": "; ".join(str(d) for d in detail)}
        ) from exc
