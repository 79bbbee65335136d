"""Pages of period reports, one module per part of the work (periods, contributions, drafts,
comments, issuing). Reads come from selectors, writes from services, input through the forms of
`reports.forms`. The office runs a period (403 for others); a unit's users reach only their
unit's contributions (404 otherwise). A refused form comes back with what was typed (422, or
409 for an edit conflict)."""

from __future__ import annotations

from .comments import comment_add, comment_answer
from .contributions import (
    attachment_download,
    attachment_upload,
    contribution_accept,
    contribution_detail,
    contribution_return,
    contribution_return_to_reporter,
    import_review,
)
from .drafts import draft, draft_consolidate, draft_diff, draft_edit
from .issuing import download_docx, download_indicators, download_pdf, issue
from .periods import (
    contributions_request,
    outline_edit,
    period_create,
    period_detail,
    period_list,
    remind_late,
)

__all__ = [
    "attachment_download",
    "attachment_upload",
    "comment_add",
    "comment_answer",
    "contribution_accept",
    "contribution_detail",
    "contribution_return",
    "contribution_return_to_reporter",
    "contributions_request",
    "download_docx",
    "download_indicators",
    "download_pdf",
    "draft",
    "draft_consolidate",
    "draft_diff",
    "draft_edit",
    "import_review",
    "issue",
    "outline_edit",
    "period_create",
    "period_detail",
    "period_list",
    "remind_late",
]
