"""Writes to period reports. Each service checks the state it starts from, writes atomically and
leaves an audit entry; pages, the API, the demo and the bench go through here.

Once the report is issued (`IssuedReport` exists) the period is frozen: every service that would
change its outline, contributions, draft or comments refuses."""

from __future__ import annotations

from ._common import (
    ALLOWED_ATTACHMENTS,
    MAX_ATTACHMENT_BYTES,
    MAX_DOCX_BYTES,
    OFFICE_REFUSAL,
    PERIOD_AUDIT_FIELDS,
    WRITE_REFUSAL,
)
from .attachments import (
    attachment_add,
    contribution_import_apply,
    contribution_import_discard,
    contribution_import_docx,
    import_changes,
)
from .comments import comment_add, comment_answer
from .contributions import (
    contribution_accept,
    contribution_post,
    contribution_return,
    contribution_return_to_reporter,
    contribution_save,
    contribution_send_to_head,
    contribution_submit,
    contributions_request,
    indicator_value,
)
from .drafts import draft_consolidate, draft_save
from .issuing import report_issue
from .periods import (
    outline_texts,
    outline_token,
    outline_update,
    period_create,
    template_save,
)
from .reminders import reminders_send

__all__ = [
    "ALLOWED_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_DOCX_BYTES",
    "OFFICE_REFUSAL",
    "PERIOD_AUDIT_FIELDS",
    "WRITE_REFUSAL",
    "attachment_add",
    "comment_add",
    "comment_answer",
    "contribution_accept",
    "contribution_import_apply",
    "contribution_import_discard",
    "contribution_import_docx",
    "contribution_post",
    "contribution_return",
    "contribution_return_to_reporter",
    "contribution_save",
    "contribution_send_to_head",
    "contribution_submit",
    "contributions_request",
    "draft_consolidate",
    "draft_save",
    "import_changes",
    "indicator_value",
    "outline_texts",
    "outline_token",
    "outline_update",
    "period_create",
    "reminders_send",
    "report_issue",
    "template_save",
]
