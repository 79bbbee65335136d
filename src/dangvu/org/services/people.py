"""Terms, people, positions and roles (memberships), each dated and audited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, within
from dangvu.core.policy import Actor
from dangvu.org.enums import Role
from dangvu.org.models import (
    Membership,
    Organisation,
    Person,
    Position,
    Term,
)
from dangvu.org.scope import Scope
from dangvu.org.services._common import (
    _CHANGE_REFUSAL,
    _MEMBERSHIP_REFUSAL,
)

if TYPE_CHECKING:
    from dangvu.accounts.models import User


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
    *, full_name: str, email: str = "", phone: str = "", user: User | None = None, by: Actor
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
    user: User,
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
