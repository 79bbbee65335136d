"""Pages of tasks. Reads come from selectors, writes from services; only office staff and
administrators of a task's committee reach the forms (others get 403, or 404 for a task they
may not even read)."""

from __future__ import annotations

from ._common import FILTER_NAMES, PAGE_SIZE, UNIT_LEVELS
from .action_table import FOLLOW_UPS, ActionBox, FollowUp, action_boxes
from .bulk import BULK_SESSION_KEY, bulk_confirm, bulk_template, bulk_upload
from .conclusion_import import conclusion_import_create, conclusion_import_start
from .follow_up import task_follow_up, task_progress
from .notices import notice_progress_export, notice_progress_page
from .statistics import STATISTICS_COLUMNS, StatisticsLine, statistics, statistics_export
from .tasks import task_create, task_detail, task_list, task_list_export, task_publish, task_update

__all__ = [
    "BULK_SESSION_KEY",
    "FILTER_NAMES",
    "FOLLOW_UPS",
    "PAGE_SIZE",
    "STATISTICS_COLUMNS",
    "UNIT_LEVELS",
    "ActionBox",
    "FollowUp",
    "StatisticsLine",
    "action_boxes",
    "bulk_confirm",
    "bulk_template",
    "bulk_upload",
    "conclusion_import_create",
    "conclusion_import_start",
    "notice_progress_export",
    "notice_progress_page",
    "statistics",
    "statistics_export",
    "task_create",
    "task_detail",
    "task_follow_up",
    "task_list",
    "task_list_export",
    "task_progress",
    "task_publish",
    "task_update",
]
