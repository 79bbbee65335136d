"""Writes to tasks. Each service checks the rule it names, writes atomically and leaves an audit
entry; the task pages and the conclusion import go through here.

Dates: a task is checked against the day it was given (`issued_on`: the meeting or document date,
today for a task entered by hand), not against the day it is typed in. Its units must exist on that
day and its deadline may not come before it. So a conclusion of 11/9/2020 imported in 2026 keeps
its 2020 units and its deadline of 31/12/2020, while a task entered by hand today cannot be given
a deadline in the past.
"""

from __future__ import annotations

from ._common import FOLLOW_UP_FIELDS, TASK_AUDIT_FIELDS
from .follow_up import (
    completion_accept,
    completion_propose,
    completion_return,
    deadline_change,
    task_followers_set,
    task_resume,
    task_suspend,
)
from .progress import evidence_add, progress_report_create
from .subtasks import subtask_create
from .tasks import task_create, task_publish, task_update

__all__ = [
    "FOLLOW_UP_FIELDS",
    "TASK_AUDIT_FIELDS",
    "completion_accept",
    "completion_propose",
    "completion_return",
    "deadline_change",
    "evidence_add",
    "progress_report_create",
    "subtask_create",
    "task_create",
    "task_followers_set",
    "task_publish",
    "task_resume",
    "task_suspend",
    "task_update",
]
