"""Conference pages, by concern (a package since issue 18): conferences, invitations and
attendance, the conclusion and its tasks, the papers. `urls.py` keeps using `views.<name>`."""

from __future__ import annotations

from .conclusion import (
    conclusion_tasks_view,
    conclusion_view,
    item_task_view,
)
from .conferences import (
    agenda_add_view,
    calendar_ics_view,
    close_view,
    conference_create_view,
    conference_detail_view,
    conference_list_view,
    conference_update_view,
    delegates_view,
    held_view,
    minutes_view,
)
from .invitations import (
    attendance_export_view,
    attendance_view,
    invite_view,
    send_invitations_view,
)
from .papers import (
    issue_view,
    notice_docx_view,
    notice_pdf_view,
    paper_register_view,
    paper_view,
)

__all__ = [
    "agenda_add_view",
    "attendance_export_view",
    "attendance_view",
    "calendar_ics_view",
    "close_view",
    "conclusion_tasks_view",
    "conclusion_view",
    "conference_create_view",
    "conference_detail_view",
    "conference_list_view",
    "conference_update_view",
    "delegates_view",
    "held_view",
    "invite_view",
    "issue_view",
    "item_task_view",
    "minutes_view",
    "notice_docx_view",
    "notice_pdf_view",
    "paper_register_view",
    "paper_view",
    "send_invitations_view",
]
