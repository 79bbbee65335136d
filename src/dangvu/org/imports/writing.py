"""Writing a checked plan through the services, in one transaction: any error rolls the whole
import back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
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


def _apply_people(
    rows: list[dict[str, str]], org: Callable[[str], Organisation], *, by: Actor
) -> tuple[int, int, list[Any]]:
    """People, their positions, accounts and dated roles (sheet "Nhân sự"). Returns the
    positions and roles recorded and the accounts created (their owners set a password through
    `services.account_setup_link`)."""
    from dangvu.accounts.models import User

    names = {v.get("username", "") for v in rows} - {""}
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    # The people already recorded, read once (not a query per row): by account and by e-mail.
    emails = {v["email"].casefold() for v in rows} - {""}
    known = Person.objects.annotate(email_folded=Lower("email")).filter(
        Q(user__in=users.values()) | Q(email_folded__in=emails)
    )
    by_user: dict[int, Person] = {}
    by_email: dict[str, Person] = {}
    for found in known.order_by("pk"):
        if found.user_id is not None:
            by_user.setdefault(found.user_id, found)
        by_email.setdefault(found.email.casefold(), found)
    created: list[Any] = []
    people: dict[str, Person] = {}
    positions = roles = 0
    for v in rows:
        username = v.get("username", "")
        user = users.get(username) if username else None
        if username and user is None:
            user = services.account_create(
                username=username, full_name=v["full_name"], email=v["email"], by=by
            )
            users[username] = user
            created.append(user)
        key = username or v["email"].casefold() or v["full_name"].casefold()
        person = people.get(key)
        if person is None and user is not None:
            person = by_user.get(user.pk)
        if person is None and v["email"]:
            person = by_email.get(v["email"].casefold())
        if person is None:
            person = services.person_create(
                full_name=v["full_name"], email=v["email"], phone=v["phone"], user=user, by=by
            )
        elif user is not None and person.user_id is None:
            Person.objects.filter(pk=person.pk).update(user=user)
            person.user = user
        if user is not None:
            by_user[user.pk] = person
        people[key] = person
        organisation = org(v["organisation"])
        start, end = dt.date.fromisoformat(v["valid_from"]), _day(v["valid_to"])
        if v["title"]:
            services.position_assign(
                person=person,
                organisation=organisation,
                title=v["title"],
                valid_from=start,
                valid_to=end,
                by=by,
            )
            positions += 1
        if v.get("role") and user is not None:
            services.membership_grant(
                user=user,
                organisation=organisation,
                role=v["role"],
                valid_from=start,
                valid_to=end,
                by=by,
            )
            roles += 1
    return positions, roles, created


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
    positions, people_roles, accounts = _apply_people(payload.get("people", []), org, by=by)
    from dangvu.accounts.models import User

    granted = people_roles
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
        "positions": positions,
        "accounts": accounts,
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
