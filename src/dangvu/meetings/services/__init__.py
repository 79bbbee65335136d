"""Writes to conferences. Each service checks its rule, writes atomically, leaves an audit entry.

The state moves planned → held → closed only here. Closing needs an outcome on every agenda item;
issuing the notice allocates its number ("Số 12-TB/QU") and freezes the DOCX; an item of the
conclusion becomes a task once, through `assignments.services.task_create`.
"""

from __future__ import annotations

from dangvu.meetings.conclusion_text import (
    ITEM_LINE,
    SUBITEM_LINE,
    ItemText,
    items_as_text,
    parse_items,
)

from ._common import CONFERENCE_FIELDS, EDIT_REFUSAL, NOTICE_TYPE_CODE
from .agenda import agenda_item_add, conference_delegates_set, minutes_record
from .conclusion_tasks import (
    conclusion_items_for_review,
    conclusion_reference,
    conclusion_tasks_create,
    item_to_task,
    review_rows,
)
from .conclusions import conclusion_write, notice_issue
from .conferences import (
    conference_close,
    conference_create,
    conference_day,
    conference_mark_held,
    conference_update,
)
from .invitations import (
    InvitationsAdded,
    attendance_record,
    invitation_add,
    invitations_add,
    invitations_send,
    unsent_reasons,
)
from .papers import paper_register

__all__ = [
    "CONFERENCE_FIELDS",
    "EDIT_REFUSAL",
    "ITEM_LINE",
    "NOTICE_TYPE_CODE",
    "SUBITEM_LINE",
    "InvitationsAdded",
    "ItemText",
    "agenda_item_add",
    "attendance_record",
    "conclusion_items_for_review",
    "conclusion_reference",
    "conclusion_tasks_create",
    "conclusion_write",
    "conference_close",
    "conference_create",
    "conference_day",
    "conference_delegates_set",
    "conference_mark_held",
    "conference_update",
    "invitation_add",
    "invitations_add",
    "invitations_send",
    "item_to_task",
    "items_as_text",
    "minutes_record",
    "notice_issue",
    "paper_register",
    "parse_items",
    "review_rows",
    "unsent_reasons",
]
