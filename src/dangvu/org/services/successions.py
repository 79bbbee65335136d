"""Reorganisation acts and successor links, by the rules of `succession_rules`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.org import succession_rules
from dangvu.org.enums import SuccessionKind
from dangvu.org.models import (
    Organisation,
    Reorganisation,
    Succession,
)
from dangvu.org.services._common import (
    _MANAGE_LINK_REFUSAL,
    _REORGANISE_REFUSAL,
)


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
