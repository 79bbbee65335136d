"""Writes for the portal: setting a committee's portal up (pages, Wagtail groups, the moderation
workflow), granting its roles, drafting an article from a conference or an issued report,
scheduled publishing, publishing an issued document, and counting a view. One module a concept,
re-exported here so callers keep `from dangvu.portal import services`."""

from __future__ import annotations

from .articles import (
    _unique_slug,
    article_body_from_conference,
    article_body_from_report,
    article_from_conference,
    article_from_report,
    scheduled_publish,
)
from .counting import (
    is_bot,
    is_countable,
    view_record,
    visitor_key,
)
from .documents import (
    document_pdf_attach,
    document_publish,
    notice_publish,
    report_publish,
    source_docx,
)
from .setup import (
    CONFERENCE_CATEGORY,
    DEFAULT_CATEGORIES,
    ROLE_GROUP_SUFFIX,
    ROLE_PAGE_PERMISSIONS,
    portal_create,
    portal_role_grant,
    portal_root,
    wagtail_base_ensure,
)

__all__ = [
    "CONFERENCE_CATEGORY",
    "DEFAULT_CATEGORIES",
    "ROLE_GROUP_SUFFIX",
    "ROLE_PAGE_PERMISSIONS",
    "_unique_slug",
    "article_body_from_conference",
    "article_body_from_report",
    "article_from_conference",
    "article_from_report",
    "document_pdf_attach",
    "document_publish",
    "is_bot",
    "is_countable",
    "notice_publish",
    "portal_create",
    "portal_role_grant",
    "portal_root",
    "report_publish",
    "scheduled_publish",
    "source_docx",
    "view_record",
    "visitor_key",
    "wagtail_base_ensure",
]
