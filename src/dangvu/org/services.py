"""Writes to the organisation tree. Each service asks the org policy (`permissions.py`) inside its
transaction before writing anything, checks the rule it names, writes atomically and leaves an
audit entry; views, the API, imports and the demo all go through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, within
from dangvu.core.policy import Actor
from dangvu.core.text import fold
from dangvu.org import succession_rules
from dangvu.org.enums import ChangeAction, Role, SuccessionKind
from dangvu.org.models import (
    Membership,
    Organisation,
    Person,
    Position,
    Reorganisation,
    ReorganisationChange,
    Succession,
    Term,
)
from dangvu.org.scope import Scope

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


def _unique_code(base: str) -> str:
    base = slugify(base.replace("đ", "d").replace("Đ", "D"))[:56] or "org"
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _set_path(organisation: Organisation) -> None:
    organisation.set_tree_path()
    Organisation.objects.filter(pk=organisation.pk).update(
        path=organisation.path, depth=organisation.depth
    )


def parent_error(
    parent_name: str,
    parent_from: dt.date,
    parent_to: dt.date | None,
    valid_from: dt.date,
    valid_to: dt.date | None,
) -> str | None:
    """Why a unit valid from `valid_from` to `valid_to` cannot sit under this parent: it must
    start on a day the parent exists and may not outlive it."""
    if not within(valid_from, parent_from, parent_to):
        return _(
            "%(parent)s does not exist on %(day)s (it is valid from %(start)s to %(end)s)."
        ) % {
            "parent": parent_name,
            "day": short_date(valid_from),
            "start": short_date(parent_from),
            "end": short_date(parent_to) or _("today"),
        }
    if parent_to is not None and (valid_to is None or valid_to > parent_to):
        return _(
            "%(parent)s ends on %(end)s: a unit under it cannot outlive it (give it an end date "
            "on or before %(end)s, or put it under another organisation)."
        ) % {"parent": parent_name, "end": short_date(parent_to)}
    return None


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


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    valid_from: dt.date,
    by: Actor,
    parent: Organisation | None = None,
    short_name: str = "",
    issuer_code: str = "",
    code: str = "",
    sort_order: int = 0,
    valid_to: dt.date | None = None,
    reorganisation: Reorganisation | None = None,
) -> Organisation:
    """Create an organisation under `parent`; it must start on a day its parent exists and may
    not outlive it."""
    policy.require(by, "organisation.create_under", parent, message=_CREATE_REFUSAL)
    if parent is not None:
        error = parent_error(parent.name, parent.valid_from, parent.valid_to, valid_from, valid_to)
        if error:
            raise ValidationError({"valid_from": error})
    organisation = Organisation(
        code=code or _unique_code(short_name or name),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        issuer_code=issuer_code.strip().upper(),
        parent=parent,
        sort_order=sort_order,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    organisation.name_folded = folded_name(organisation.name, organisation.short_name)
    organisation.full_clean()
    organisation.save()
    _set_path(organisation)
    after = audit.snapshot(organisation, ORG_AUDIT_FIELDS)
    audit.record(actor=by, action="organisation.create", obj=organisation, after=after)
    _record_change(reorganisation, organisation, ChangeAction.CREATE, None, after)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: Actor,
    name: str,
    short_name: str,
    kind: str,
    issuer_code: str,
    sort_order: int = 0,
    reorganisation: Reorganisation | None = None,
) -> Organisation:
    """Change what an organisation is called (a renaming by a reorganisation included); its
    place in the tree and its dates change only by closing it and naming a successor, so that
    history stays true."""
    policy.require(by, "organisation.update", organisation, message=_CHANGE_REFUSAL)
    before = audit.snapshot(organisation, ORG_AUDIT_FIELDS)
    organisation.name = name.strip()
    organisation.short_name = short_name.strip()
    organisation.kind = kind
    organisation.issuer_code = issuer_code.strip().upper()
    organisation.sort_order = sort_order
    organisation.name_folded = folded_name(organisation.name, organisation.short_name)
    organisation.full_clean()
    organisation.save()
    after = audit.snapshot(organisation, ORG_AUDIT_FIELDS)
    audit.record(
        actor=by, action="organisation.update", obj=organisation, before=before, after=after
    )
    _record_change(reorganisation, organisation, ChangeAction.UPDATE, before, after)
    return organisation


@transaction.atomic
def organisation_close(
    *,
    organisation: Organisation,
    on: dt.date,
    by: Actor,
    reorganisation: Reorganisation | None = None,
) -> list[Organisation]:
    """End an organisation on `on` (its last day), with everything under it that is still open
    then, and the positions and roles held in them. Refused when something under it starts
    after `on`. Returns the organisations closed."""
    policy.require(by, "organisation.close", organisation, message=_CHANGE_REFUSAL)
    if on < organisation.valid_from:
        raise ValidationError(
            {
                "on": _("The closing date cannot be before the organisation starts (%(start)s).")
                % {"start": short_date(organisation.valid_from)}
            }
        )
    subtree = list(
        Organisation.objects.select_for_update().filter(path__startswith=organisation.path)
    )
    late = [o for o in subtree if o.valid_from > on]
    if late:
        raise ValidationError(
            {
                "on": _("%(name)s starts after %(day)s; close or move it first.")
                % {"name": late[0].name, "day": short_date(on)}
            }
        )
    closed = []
    for org in subtree:
        if org.valid_to is None or org.valid_to > on:
            before = audit.snapshot(org, ["valid_to"])
            org.valid_to = on
            org.save(update_fields=["valid_to", "updated_at"])
            after = audit.snapshot(org, ["valid_to"])
            audit.record(actor=by, action="organisation.close", obj=org, before=before, after=after)
            _record_change(reorganisation, org, ChangeAction.CLOSE, before, after)
            closed.append(org)
            if org.pk == organisation.pk:
                organisation.valid_to = on
    Position.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), organisation__in=subtree
    ).update(valid_to=on)
    # Roles end with their unit (a role granted to start after `on` goes with it).
    Membership.objects.filter(organisation__in=subtree, valid_from__gt=on).delete()
    Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), organisation__in=subtree
    ).update(valid_to=on)
    return closed


@transaction.atomic
def reorganisation_create(
    *,
    number: str,
    issued_on: dt.date,
    issuer: str,
    effective_on: dt.date,
    title: str = "",
    by: Actor,
) -> Reorganisation:
    """Record the act (a resolution or decision) that the changes and links will be grouped by."""
    policy.require(by, "reorganisation.import", None, message=_REORGANISE_REFUSAL)
    number = number.strip()
    if Reorganisation.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Reorganisation %(number)s is already recorded.") % {"number": number}}
        )
    if effective_on < issued_on:
        raise ValidationError(
            {"effective_on": _("The effective day cannot be before the decision is issued.")}
        )
    act = Reorganisation(
        number=number,
        title=title.strip(),
        issued_on=issued_on,
        issuer=issuer.strip(),
        effective_on=effective_on,
        created_by=policy.audit_actor(by),
    )
    act.full_clean()
    act.save()
    audit.record(
        actor=by,
        action="reorganisation.create",
        obj=act,
        after=audit.snapshot(act, ["number", "issued_on", "issuer", "effective_on"]),
    )
    return act


def _unit(organisation: Organisation) -> succession_rules.Unit:
    return succession_rules.Unit(
        key=organisation.pk,
        name=organisation.name,
        valid_from=organisation.valid_from,
        valid_to=organisation.valid_to,
    )


def _link_snapshot(link: Succession) -> dict[str, Any]:
    return {
        "predecessor": link.predecessor_id,
        "successor": link.successor_id,
        "kind": link.kind,
        "wording": link.wording,
        "clause": link.clause,
        "reorganisation": link.reorganisation_id,
    }


def link_graph() -> dict[Hashable, list[Hashable]]:
    """Every recorded link as predecessor id → successor ids (for the cycle check)."""
    edges: dict[Hashable, list[Hashable]] = {}
    for pred_id, succ_id in Succession.objects.values_list("predecessor_id", "successor_id"):
        edges.setdefault(pred_id, []).append(succ_id)
    return edges


def _check_link(link: Succession, *, other_kinds: list[str]) -> None:
    """The rules of `succession_rules` for one link beside the predecessor's other links."""
    # The ends as stored (an instance read before its closing would carry an old end).
    spans = Organisation.objects.filter(
        pk__in=[link.predecessor_id, link.successor_id]
    ).values_list("pk", "valid_from", "valid_to")
    for pk, valid_from, valid_to in spans:
        for end in (link.predecessor, link.successor):
            if end.pk == pk:
                end.valid_from, end.valid_to = valid_from, valid_to
    error = succession_rules.date_error(link.kind, _unit(link.predecessor), _unit(link.successor))
    if error:
        raise ValidationError({"successor": error})
    error = succession_rules.set_error(link.predecessor.name, [*other_kinds, link.kind])
    if error:
        raise ValidationError({"kind": error})


@transaction.atomic
def succession_add(
    *,
    predecessor: Organisation,
    successor: Organisation,
    kind: str = SuccessionKind.WHOLE,
    wording: str = "",
    clause: str = "",
    note: str = "",
    reorganisation: Reorganisation | None = None,
    by: Actor,
    graph: dict[Hashable, list[Hashable]] | None = None,
) -> Succession:
    """Link a predecessor to a successor, by the rules of `succession_rules`: dates that fit the
    kind, one "whole", a remainder beside parts, no cycle. `graph` is the link graph (predecessor
    id → successor ids) when the caller adding many links in one transaction has read it once
    (the reorganisation import); it is kept up to date here."""
    link = Succession(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        wording=wording.strip(),
        clause=clause.strip(),
        note=note.strip(),
        reorganisation=reorganisation,
    )
    policy.require(by, "succession.manage", link, message=_MANAGE_LINK_REFUSAL)
    if predecessor.pk == successor.pk:
        raise ValidationError({"successor": _("An organisation cannot succeed itself.")})
    if Succession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError({"successor": _("This succession is already recorded.")})
    other_kinds = list(
        Succession.objects.filter(predecessor=predecessor).values_list("kind", flat=True)
    )
    _check_link(link, other_kinds=other_kinds)
    edges = graph if graph is not None else link_graph()
    if succession_rules.closes_cycle(edges, predecessor.pk, successor.pk):
        raise ValidationError(
            {"successor": succession_rules.cycle_message(predecessor.name, successor.name)}
        )
    # The ends were read above and the pair checked: no query per foreign key or constraint.
    link.full_clean(
        exclude=["predecessor", "successor", "reorganisation"],
        validate_unique=False,
        validate_constraints=False,
    )
    link.save()
    if graph is not None:
        graph.setdefault(predecessor.pk, []).append(successor.pk)
    audit.record(actor=by, action="succession.add", obj=link, after=_link_snapshot(link))
    return link


@transaction.atomic
def succession_update(
    *, link: Succession, kind: str, wording: str = "", clause: str = "", by: Actor
) -> Succession:
    """Correct a link's kind, wording or clause (the ends stay: remove and add to change them)."""
    policy.require(by, "succession.manage", link, message=_MANAGE_LINK_REFUSAL)
    before = _link_snapshot(link)
    link.kind = kind
    link.wording = wording.strip()
    link.clause = clause.strip()
    other_kinds = list(
        Succession.objects.filter(predecessor=link.predecessor_id)
        .exclude(pk=link.pk)
        .values_list("kind", flat=True)
    )
    _check_link(link, other_kinds=other_kinds)
    link.full_clean()
    link.save()
    audit.record(
        actor=by,
        action="succession.update",
        obj=link,
        before=before,
        after=_link_snapshot(link),
    )
    return link


@transaction.atomic
def succession_remove(*, link: Succession, by: Actor) -> None:
    """Remove a wrong link; refused when it would leave a "remainder" without parts."""
    policy.require(by, "succession.manage", link, message=_MANAGE_LINK_REFUSAL)
    others = list(
        Succession.objects.filter(predecessor=link.predecessor_id)
        .exclude(pk=link.pk)
        .values_list("kind", flat=True)
    )
    error = succession_rules.set_error(link.predecessor.name, others)
    if error:
        raise ValidationError(error)
    before = _link_snapshot(link)
    audit.record(actor=by, action="succession.remove", obj=link, before=before)
    link.delete()


@transaction.atomic
def term_create(
    *,
    organisation: Organisation,
    number: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    by: Actor,
) -> Term:
    policy.require(by, "organisation.update", organisation, message=_CHANGE_REFUSAL)
    term = Term(organisation=organisation, number=number, starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    audit.record(
        actor=by,
        action="term.create",
        obj=term,
        after=audit.snapshot(term, ["organisation", "number", "starts_on", "ends_on"]),
    )
    return term


@transaction.atomic
def person_create(
    *, full_name: str, email: str = "", phone: str = "", user: Any = None, by: Actor
) -> Person:
    policy.require(by, "reorganisation.import", None, message=_CHANGE_REFUSAL)
    person = Person(
        full_name=full_name.strip(), email=email.strip(), phone=phone.strip(), user=user
    )
    person.full_clean()
    person.save()
    audit.record(
        actor=by, action="person.create", obj=person, after={"full_name": person.full_name}
    )
    return person


@transaction.atomic
def position_assign(
    *,
    person: Person,
    organisation: Organisation,
    title: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    term: Term | None = None,
    sort_order: int = 0,
    by: Actor,
) -> Position:
    """Record that `person` holds `title` in `organisation` from `valid_from`; the position must
    fall inside the organisation's own validity."""
    policy.require(by, "position.assign", organisation, message=_CHANGE_REFUSAL)
    if not within(valid_from, organisation.valid_from, organisation.valid_to):
        raise ValidationError(
            {
                "valid_from": _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(valid_from)}
            }
        )
    if organisation.valid_to is not None:
        if valid_to is not None and valid_to > organisation.valid_to:
            raise ValidationError(
                {
                    "valid_to": _("%(name)s ends on %(day)s.")
                    % {"name": organisation.name, "day": short_date(organisation.valid_to)}
                }
            )
        valid_to = valid_to or organisation.valid_to
    position = Position(
        person=person,
        organisation=organisation,
        title=title.strip(),
        term=term,
        sort_order=sort_order,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    position.full_clean()
    position.save()
    audit.record(
        actor=by,
        action="position.assign",
        obj=position,
        after=audit.snapshot(
            position, ["person", "organisation", "title", "valid_from", "valid_to"]
        ),
    )
    return position


@transaction.atomic
def membership_grant(
    *,
    user: Any,
    organisation: Organisation,
    role: str,
    by: Actor,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Grant `role` in `organisation` to `user` from `valid_from` (open-ended). Granting a role
    the user already holds open there returns that grant unchanged."""
    membership = Membership(
        user=user,
        organisation=organisation,
        role=Role(role),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    policy.require(by, "membership.grant", membership, message=_MEMBERSHIP_REFUSAL)
    existing = Membership.objects.filter(
        user=user, organisation=organisation, role=role, valid_to__isnull=True
    ).first()
    if existing is not None and valid_to is None:
        return existing
    if valid_from is not None and not within(
        valid_from, organisation.valid_from, organisation.valid_to
    ):
        raise ValidationError(
            {
                "valid_from": _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(valid_from)}
            }
        )
    membership.full_clean(validate_constraints=False)
    membership.save()
    Scope.forget(user)
    audit.record(
        actor=by,
        action="membership.grant",
        obj=membership,
        after={
            "user": user.pk,
            "organisation": organisation.pk,
            "role": role,
            "valid_from": valid_from.isoformat() if valid_from else None,
        },
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, on: dt.date, by: Actor) -> Membership:
    """End a role on `on` (its last day); the grant stays as history."""
    policy.require(by, "membership.end", membership, message=_MEMBERSHIP_REFUSAL)
    if membership.valid_to is not None and membership.valid_to <= on:
        raise ValidationError({"on": _("This role has already ended.")})
    if membership.valid_from is not None and on < membership.valid_from:
        raise ValidationError(
            {
                "on": _("The role starts on %(day)s; it cannot end before.")
                % {"day": short_date(membership.valid_from)}
            }
        )
    before = {"valid_to": membership.valid_to.isoformat() if membership.valid_to else None}
    membership.valid_to = on
    membership.save(update_fields=["valid_to"])
    Scope.forget(membership.user)
    audit.record(
        actor=by,
        action="membership.end",
        obj=membership,
        before=before,
        after={"valid_to": on.isoformat()},
    )
    return membership
