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
    seen: list[int] = []
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
        if pk in seen and seen[-1] != pk:
            # the parts of one item come together, as the review lists them
            raise ValidationError(_("An item of the conclusion can become only one task."))
        seen.append(pk)  # type: ignore[arg-type]
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
        if item.task_id is None:
            item.task = task
            item.save(update_fields=["task"])
        else:  # a further part of an item holding several directives
            item.more_tasks.add(task)
        audit.record(actor=by, action="conclusion.item_task", obj=item, after={"task": task.pk})
    return tasks


def review_rows(conclusion: Conclusion, items: Sequence[ReviewItem]) -> list[dict[str, Any]]:
    """The rows of the review screen for ``items``, prefilled by the same reading."""
    conference = conclusion.conference
    return conclusion_import.review_items(
        preamble=conclusion.preamble,
        items=items,
        committee=conference.committee,
        day=conference_day(conference),
    ).rows


@transaction.atomic
def item_to_task(*, item: ConclusionItem, by: Actor) -> Task:
    """Turn one item (or sub-item) of the conclusion into its task(s) through the same road as
    the review screen: read by the extractor (lead, coordinating units, deadline, product, matched
    to the units of the conference's day), the committee as the accepting authority, created by
    `conclusion_tasks_create`. One task per item here (an item holding several directives is split
    only in the review, where the office sees it). Once per item."""
    item = (
        ConclusionItem.objects.select_for_update(of=("self",))
        .select_related("conclusion__conference__committee", "parent")
        .get(pk=item.pk)
    )
    conclusion = item.conclusion
    conference = conclusion.conference
    # Both rules: the record's (`conference.edit`) and the task rules (`task.create` on the
    # committee), so that a delegate who is a unit reporter cannot give the committee tasks.
    policy.require(by, "conference.edit", conference, message=EDIT_REFUSAL)
    policy.require(
        by,
        "task.create",
        conference.committee,
        message=_("Only the committee's office staff may give it tasks."),
    )
    if item.task_id is not None:
        raise ValidationError(_("A task has already been created from this item."))
    label = item.label if item.parent is None else f"{item.parent.label} {item.label}"
    rows = review_rows(conclusion, [ReviewItem(pk=item.pk, label=label, text=item.text)])
    row = _one_row(rows, item.text)
    # The review's rows name units by id, as its form does before cleaning.
    units = Organisation.objects.in_bulk(
        [pk for pk in [row.get("lead_unit"), *(row.get("coordinating_units") or ())] if pk]
    )
    row["lead_unit"] = units.get(row["lead_unit"]) if row.get("lead_unit") else None
    row["coordinating_units"] = [units[pk] for pk in row.get("coordinating_units") or ()]
    tasks = conclusion_tasks_create(
        conclusion=conclusion,
        rows=[row],
        authority=conference.committee,
        by=by,
    )
    return tasks[0]


def _one_row(rows: Sequence[dict[str, Any]], text: str) -> dict[str, Any]:
    """The review's rows for one item as one task (this call makes one task per item): the item's
    whole wording, the first lead, deadline and product read, every coordinating unit."""
    row = dict(rows[0])
    if len(rows) > 1:
        row["content"] = text.strip()
        for key in ("lead_unit", "lead_text", "deadline", "deadline_text", "deliverable"):
            row[key] = next((r[key] for r in rows if r.get(key)), row.get(key))
        row["coordinating_units"] = list(
            dict.fromkeys(pk for r in rows for pk in r.get("coordinating_units") or ())
        )
        row["coordinating_text"] = "; ".join(
            r["coordinating_text"] for r in rows if r.get("coordinating_text")
        )
    return row
