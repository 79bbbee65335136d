"""Creating, renaming and closing organisations: a change of place or an abolition closes the
unit (with its open subtree, positions and roles) so that history stays true."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, within
from dangvu.core.policy import Actor
from dangvu.org.enums import ChangeAction
from dangvu.org.models import (
    Membership,
    Organisation,
    Position,
    Reorganisation,
)
from dangvu.org.services._common import (
    _CHANGE_REFUSAL,
    _CREATE_REFUSAL,
    ORG_AUDIT_FIELDS,
    _record_change,
    folded_name,
)


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
