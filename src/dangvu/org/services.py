"""Writes to the organisation tree. Each service checks the rule it names, writes atomically and
leaves an audit entry; views, the API, imports and the demo all go through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import short_date, within
from dangvu.org.enums import Role, SuccessionKind
from dangvu.org.models import Membership, Organisation, Person, Position, Succession, Term

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


def _unique_code(base: str) -> str:
    base = slugify(base.replace("đ", "d").replace("Đ", "D"))[:56] or "org"
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _set_path(organisation: Organisation) -> None:
    parent_path = organisation.parent.path if organisation.parent else "/"
    organisation.path = f"{parent_path}{organisation.pk}/"
    organisation.depth = organisation.path.count("/") - 2
    Organisation.objects.filter(pk=organisation.pk).update(
        path=organisation.path, depth=organisation.depth
    )


def _check_inside_parent(parent: Organisation | None, valid_from: dt.date) -> None:
    if parent is not None and not within(valid_from, parent.valid_from, parent.valid_to):
        raise ValidationError(
            {
                "valid_from": _(
                    "%(parent)s does not exist on %(day)s (it is valid from %(start)s to %(end)s)."
                )
                % {
                    "parent": parent.name,
                    "day": short_date(valid_from),
                    "start": short_date(parent.valid_from),
                    "end": short_date(parent.valid_to) or _("today"),
                }
            }
        )


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    valid_from: dt.date,
    parent: Organisation | None = None,
    short_name: str = "",
    issuer_code: str = "",
    code: str = "",
    sort_order: int = 0,
    valid_to: dt.date | None = None,
    by: Any = None,
) -> Organisation:
    """Create an organisation under `parent`; it must start on a day its parent exists."""
    _check_inside_parent(parent, valid_from)
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
    organisation.full_clean()
    organisation.save()
    _set_path(organisation)
    audit.record(
        actor=by,
        action="organisation.create",
        obj=organisation,
        after=audit.snapshot(organisation, ORG_AUDIT_FIELDS),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: Any,
    name: str,
    short_name: str,
    kind: str,
    issuer_code: str,
    sort_order: int = 0,
) -> Organisation:
    """Change what an organisation is called; its place in the tree and its dates change only
    by closing it and naming a successor, so that history stays true."""
    before = audit.snapshot(organisation, ORG_AUDIT_FIELDS)
    organisation.name = name.strip()
    organisation.short_name = short_name.strip()
    organisation.kind = kind
    organisation.issuer_code = issuer_code.strip().upper()
    organisation.sort_order = sort_order
    organisation.full_clean()
    organisation.save()
    audit.record(
        actor=by,
        action="organisation.update",
        obj=organisation,
        before=before,
        after=audit.snapshot(organisation, ORG_AUDIT_FIELDS),
    )
    return organisation


@transaction.atomic
def organisation_close(*, organisation: Organisation, on: dt.date, by: Any) -> list[Organisation]:
    """End an organisation on `on` (its last day), with everything under it that is still open
    then, and the positions held in them. Refused when something under it starts after `on`.
    Returns the organisations closed."""
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
            audit.record(
                actor=by,
                action="organisation.close",
                obj=org,
                before=before,
                after=audit.snapshot(org, ["valid_to"]),
            )
            closed.append(org)
    Position.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), organisation__in=subtree
    ).update(valid_to=on)
    return closed


@transaction.atomic
def succession_add(
    *,
    predecessor: Organisation,
    successor: Organisation,
    kind: str = SuccessionKind.WHOLE,
    note: str = "",
    by: Any,
) -> Succession:
    """Link a predecessor to a successor. The successor must start after the predecessor starts,
    and a link may not close a cycle of successions."""
    if predecessor.pk == successor.pk:
        raise ValidationError({"successor": _("An organisation cannot succeed itself.")})
    if successor.valid_from <= predecessor.valid_from:
        raise ValidationError(
            {
                "successor": _("%(successor)s starts on %(day)s, not after %(predecessor)s.")
                % {
                    "successor": successor.name,
                    "day": short_date(successor.valid_from),
                    "predecessor": predecessor.name,
                }
            }
        )
    if Succession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError({"successor": _("This succession is already recorded.")})
    link = Succession(predecessor=predecessor, successor=successor, kind=kind, note=note)
    link.full_clean()
    link.save()
    audit.record(
        actor=by,
        action="organisation.succession_add",
        obj=predecessor,
        after={"successor": successor.pk, "kind": kind},
    )
    return link


@transaction.atomic
def term_create(
    *,
    organisation: Organisation,
    number: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    by: Any = None,
) -> Term:
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
    *, full_name: str, email: str = "", phone: str = "", user: Any = None, by: Any = None
) -> Person:
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
    by: Any = None,
) -> Position:
    """Record that `person` holds `title` in `organisation` from `valid_from`; the position must
    fall inside the organisation's own validity."""
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
    *, user: Any, organisation: Organisation, role: str, by: Any = None
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role(role)
    )
    if created:
        audit.record(
            actor=by,
            action="membership.grant",
            obj=membership,
            after={"user": user.pk, "organisation": organisation.pk, "role": role},
        )
    return membership
