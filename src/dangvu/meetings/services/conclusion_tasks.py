"""Meeting services turning the whole conclusion into tasks, in one review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.assignments import conclusion_import
from dangvu.assignments.conclusion_import import ReviewItem
from dangvu.assignments.models import Task
from dangvu.core import audit, policy
from dangvu.core.dates import short_date
from dangvu.core.policy import Actor
from dangvu.documents.numbering import format_number
from dangvu.meetings.models import (
    Conclusion,
    ConclusionItem,
)
from dangvu.org.models import Organisation

from ._common import EDIT_REFUSAL
from .conferences import conference_day

# Additive: the same reading and review screen as a pasted conclusion
# (assignments.conclusion_import), each task traced to its conclusion item.


def conclusion_items_for_review(conclusion: Conclusion) -> list[ReviewItem]:
    """The items still to become tasks, as the review reads them: every item without sub-items
    and every sub-item (an item with sub-items is their heading), in order; items that already
    have a task are left out."""
    items = list(conclusion.items.select_related("parent").order_by("pk"))
    parents = {item.parent_id for item in items if item.parent_id is not None}
    ordered = sorted(
        items,
        key=lambda i: (i.parent.number if i.parent else i.number, i.parent is not None, i.number),
    )
    return [
        ReviewItem(
            pk=item.pk,
            label=item.label if item.parent is None else f"{item.parent.label} {item.label}",
            text=item.text,
        )
        for item in ordered
        if item.task_id is None and item.pk not in parents
    ]


def conclusion_reference(conclusion: Conclusion) -> str:
    """Where the tasks come from: the notice's number once issued, else the conference's day
    (the item's label is added to each task's reference)."""
    if conclusion.number is not None:
        return _("Notice %(number)s") % {"number": format_number(conclusion.number)}
    return _("Conclusion of the conference of %(day)s") % {
        "day": short_date(conference_day(conclusion.conference))
    }


@transaction.atomic
def conclusion_tasks_create(
    *,
    conclusion: Conclusion,
    rows: Sequence[dict[str, Any]],
    authority: Organisation | None,
    by: Actor,
) -> list[Task]:
    """Create the tasks the office confirmed in the review of a conference's conclusion, all or
    none, each given on the conference's day and traced to its conclusion item (`item.task`).
    Refused to anyone who may not edit the conference, and (by `create_tasks`) to anyone who may
    not give the committee tasks; refused for an item that is not this conclusion's or already
    has a task."""
    conference = conclusion.conference
    policy.require(by, "conference.edit", conference, message=EDIT_REFUSAL)
    wanted = [row.get("conclusion_item") for row in rows]
    items = {
        item.pk: item
        for item in ConclusionItem.objects.select_for_update(of=("self",)).filter(
            conclusion=conclusion, pk__in=[pk for pk in wanted if pk]
        )
    }
    for number, pk in enumerate(wanted, start=1):
        item = items.get(pk) if pk else None
        if item is None:
            raise ValidationError(
                _("Task %(number)s: it is not an item of this conclusion.") % {"number": number}
            )
        if item.task_id is not None:
            raise ValidationError(
                _("Task %(number)s: a task has already been created from this item.")
                % {"number": number}
            )
    if len(set(wanted)) != len(wanted):
        raise ValidationError(_("An item of the conclusion can become only one task."))
    tasks = conclusion_import.create_tasks(
        committee=conference.committee,
        issued_on=conference_day(conference),
        source_reference=conclusion_reference(conclusion)[:250],
        rows=rows,
        by=by,
        authority=authority,
    )
    for pk, task in zip(wanted, tasks, strict=True):
        item = items[pk]  # type: ignore[index]
        item.task = task
        item.save(update_fields=["task"])
        audit.record(actor=by, action="conclusion.item_task", obj=item, after={"task": task.pk})
    return tasks
