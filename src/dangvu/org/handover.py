"""The hand-over of open work when a reorganisation takes effect.

Every unit the act ended (a predecessor of one of its links) leaves open work: tasks it leads
that are neither completed nor suspended, report contributions not yet accepted, and the roles
of its people (ended with the unit by `services.organisation_close`). The plan gives each unit
its successors; a unit taken whole or absorbed has one, and its work goes there automatically;
a unit split (parts and the remainder) needs the office's choice, for all its items at once or
item by item. Carrying out is one transaction: a dated lead-unit change and an audit entry per
task (`assignments.handover`), the contribution moved to the successor with an audit entry, the
role granted again in the successor from the effective day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from dangvu.assignments import handover as task_handover
from dangvu.assignments.models import Task
from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.evaluation.services import members as member_services
from dangvu.org import services
from dangvu.org.enums import SINGLE_SUCCESSOR_KINDS
from dangvu.org.models import Membership, Organisation, Reorganisation, Succession
from dangvu.reports.enums import ContributionStatus
from dangvu.reports.models import Contribution

TASK, CONTRIBUTION, MEMBERSHIP, MEMBER = "task", "contribution", "membership", "member"

DOCUMENT_KINDS = {"NQ": "Nghị quyết", "QĐ": "Quyết định", "QD": "Quyết định"}


def decision_words(act: Reorganisation) -> str:
    """ "Nghị quyết 1656/NQ-UBTVQH15" from the number's type code, else the number alone."""
    for code, words in DOCUMENT_KINDS.items():
        if f"/{code}-" in act.number or f"-{code}/" in act.number:
            return f"{words} {act.number}"
    return act.number


def reason(old: Organisation, new: Organisation, act: Reorganisation) -> str:
    return _("Handed over from %(old)s to %(new)s under %(decision)s") % {
        "old": old.name,
        "new": new.name,
        "decision": decision_words(act),
    }


@dataclass
class UnitPlan:
    """One ended unit of the act, its successors and the open work it leaves."""

    unit: Organisation
    links: list[Succession]
    tasks: int = 0
    contributions: int = 0
    memberships: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def successors(self) -> list[Organisation]:
        return [link.successor for link in self.links]

    @property
    def automatic(self) -> Organisation | None:
        """The one successor that takes everything (whole, absorbed into), or None."""
        if len(self.links) == 1 and self.links[0].kind in SINGLE_SUCCESSOR_KINDS:
            return self.links[0].successor
        return None

    @property
    def open_items(self) -> int:
        return self.tasks + self.contributions + self.memberships


def _pending_memberships(units: dict[int, UnitPlan]) -> dict[int, list[Membership]]:
    """Roles that ended with their unit and are not held yet in any of its successors."""
    ended = Membership.objects.filter(organisation_id__in=list(units)).select_related(
        "organisation", "user"
    )
    successor_ids = {s.pk for plan in units.values() for s in plan.successors}
    held = set(
        Membership.objects.filter(organisation_id__in=successor_ids).values_list(
            "user_id", "organisation_id", "role"
        )
    )
    out: dict[int, list[Membership]] = defaultdict(list)
    for membership in ended:
        plan = units[membership.organisation_id]
        if membership.valid_to is None or membership.valid_to != plan.unit.valid_to:
            continue
        if any((membership.user_id, s.pk, membership.role) in held for s in plan.successors):
            continue
        out[membership.organisation_id].append(membership)
    return out


def _contributions(unit_ids: list[int]) -> Any:
    return Contribution.objects.filter(unit_id__in=unit_ids).exclude(
        status=ContributionStatus.ACCEPTED
    )


def handover_plan(act: Reorganisation) -> list[UnitPlan]:
    """The ended units of the act with their successors and open work (counts), in a few
    queries whatever the number of tasks."""
    units: dict[int, UnitPlan] = {}
    links = act.links.select_related("predecessor", "successor").order_by(
        "predecessor__sort_order", "predecessor__name", "successor__name"
    )
    for link in links:
        plan = units.get(link.predecessor_id)
        if plan is None:
            plan = units[link.predecessor_id] = UnitPlan(unit=link.predecessor, links=[])
        plan.links.append(link)
    if not units:
        return []
    tasks = (
        task_handover.open_tasks_led_by(units)
        .order_by()
        .values("lead_unit_id")
        .annotate(n=Count("pk"))
        .values_list("lead_unit_id", "n")
    )
    for unit_id, count in tasks:
        units[unit_id].tasks = count
    contributions = (
        _contributions(list(units))
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    for unit_id, count in contributions:
        units[unit_id].contributions = count
    for unit_id, memberships in _pending_memberships(units).items():
        units[unit_id].memberships = len(memberships)
    return list(units.values())


def unit_items(act: Reorganisation, unit: Organisation) -> UnitPlan | None:
    """One ended unit's plan with its items listed (for the item-by-item choice)."""
    plan = next((p for p in handover_plan(act) if p.unit.pk == unit.pk), None)
    if plan is None:
        return None
    for task in task_handover.open_tasks_led_by([unit.pk]).order_by("deadline", "pk"):
        plan.items.append(
            {"kind": TASK, "id": task.pk, "label": task.content, "due": task.deadline}
        )
    for contribution in _contributions([unit.pk]).select_related("period"):
        plan.items.append(
            {"kind": CONTRIBUTION, "id": contribution.pk, "label": str(contribution.period)}
        )
    for membership in _pending_memberships({unit.pk: plan}).get(unit.pk, []):
        plan.items.append(
            {
                "kind": MEMBERSHIP,
                "id": membership.pk,
                "label": f"{membership.user} – {membership.get_role_display()}",
            }
        )
    return plan


@transaction.atomic
def handover_carry_out(
    *,
    act: Reorganisation,
    by: Actor,
    bulk: dict[int, Organisation] | None = None,
    items: dict[tuple[str, int], Organisation] | None = None,
    only_unit: Organisation | None = None,
) -> dict[str, int]:
    """Hand over the open work of the act's ended units: item choices first (`items`, by kind
    and id), then the unit's choice for all its items (`bulk`, by unit id), then the single
    successor of a unit taken whole or absorbed. Items with no successor chosen stay. Refused
    (nothing written) when a chosen unit is not a successor of the item's unit, or when the user
    may not manage that succession."""
    bulk = bulk or {}
    items = items or {}
    plans = {p.unit.pk: p for p in handover_plan(act)}
    if only_unit is not None:
        plans = {k: v for k, v in plans.items() if k == only_unit.pk}
    day = act.effective_on
    reasons: dict[tuple[int, int], str] = {}
    allowed: set[tuple[int, int]] = set()

    def target_for(plan: UnitPlan, kind: str, pk: int) -> Organisation | None:
        chosen = items.get((kind, pk)) or bulk.get(plan.unit.pk) or plan.automatic
        if chosen is None:
            return None
        link = next((lk for lk in plan.links if lk.successor_id == chosen.pk), None)
        if link is None:
            raise ValidationError(
                _("%(new)s does not succeed %(old)s.") % {"new": chosen.name, "old": plan.unit.name}
            )
        key = (plan.unit.pk, chosen.pk)
        if key not in allowed:
            policy.require(
                by,
                "succession.manage",
                link,
                message=_("Only the office that manages both units may hand over their work."),
            )
            allowed.add(key)
            reasons[key] = reason(plan.unit, chosen, act)
        return chosen

    # tasks
    moves: dict[int, Organisation] = {}
    for task_id, unit_id in task_handover.open_tasks_led_by(plans).values_list(
        "pk", "lead_unit_id"
    ):
        target = target_for(plans[unit_id], TASK, task_id)
        if target is not None:
            moves[task_id] = target
    tasks = task_handover.hand_over(
        moves=moves, day=day, reasons=reasons, reorganisation=act, by=by
    )
    # report contributions: moved unless the successor already writes for that period
    contributions = skipped = 0
    taken = set(
        Contribution.objects.filter(
            unit_id__in={s.pk for p in plans.values() for s in p.successors}
        ).values_list("period_id", "unit_id")
    )
    # Units taken whole or absorbed first: their successor is theirs without a choice.
    pending = sorted(
        _contributions(list(plans)).select_for_update(),
        key=lambda c: (plans[c.unit_id].automatic is None, c.pk),
    )
    for contribution in pending:
        target = target_for(plans[contribution.unit_id], CONTRIBUTION, contribution.pk)
        if target is None:
            continue
        if (contribution.period_id, target.pk) in taken:
            skipped += 1
            continue
        before = {"unit": contribution.unit_id}
        contribution.unit = target
        contribution.save(update_fields=["unit", "updated_at"])
        taken.add((contribution.period_id, target.pk))
        audit.record(
            actor=by,
            action="contribution.handover",
            obj=contribution,
            before=before,
            after={"unit": target.pk, "reason": reasons[(before["unit"], target.pk)]},
        )
        contributions += 1
    # roles: granted again in the successor from the effective day
    memberships = 0
    for unit_id, pending in _pending_memberships(plans).items():
        for membership in pending:
            target = target_for(plans[unit_id], MEMBERSHIP, membership.pk)
            if target is None:
                continue
            services.membership_grant(
                user=membership.user,
                organisation=target,
                role=membership.role,
                valid_from=day,
                by=by,
            )
            memberships += 1
    # Party members (the evaluation's register) go where the unit's work goes
    member_moves = {
        plans[unit_id].unit: target
        for unit_id in member_services.units_with_members(plans)
        if (target := target_for(plans[unit_id], MEMBER, unit_id)) is not None
    }
    members = member_services.members_hand_over(moves=member_moves, on=day, by=by)
    audit.record(
        actor=by,
        action="reorganisation.handover",
        obj=act,
        after={
            "tasks": tasks,
            "contributions": contributions,
            "memberships": memberships,
            "members": members,
        },
    )
    return {
        "tasks": tasks,
        "contributions": contributions,
        "memberships": memberships,
        "members": members,
        "skipped": skipped,
    }


def parse_choices(
    data: Any, plans: list[UnitPlan]
) -> tuple[dict[int, Organisation], dict[tuple[str, int], Organisation]]:
    """The choices posted by the plan pages: `bulk-<unit id>` and `item-<kind>-<id>` = the id of
    a successor (anything else is ignored; a wrong successor is refused by the carrying out)."""
    by_id = {s.pk: s for plan in plans for s in plan.successors}
    bulk: dict[int, Organisation] = {}
    items: dict[tuple[str, int], Organisation] = {}
    for key, value in data.items():
        if not value or not str(value).isdigit():
            continue
        successor = by_id.get(int(value))
        if successor is None:
            successor = Organisation.objects.filter(pk=int(value)).first()
            if successor is None:
                continue
        parts = key.split("-")
        if parts[0] == "bulk" and len(parts) == 2 and parts[1].isdigit():
            bulk[int(parts[1])] = successor
        elif (
            parts[0] == "item"
            and len(parts) == 3
            and parts[2].isdigit()
            and parts[1] in (TASK, CONTRIBUTION, MEMBERSHIP)
        ):
            items[(parts[1], int(parts[2]))] = successor
    return bulk, items


def handed_over_tasks(unit: Organisation) -> Any:
    """Tasks a unit received from its predecessors (for its users to find them)."""
    return Task.objects.filter(lead_unit_changes__new_unit=unit).distinct()
