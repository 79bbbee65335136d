"""Writes to inspection records. Each service asks the policy inside its transaction before it
writes anything, checks the source state and the order of the dates, saves with `full_clean()`
and leaves an audit entry. Pages, the API, the Excel import and the demo call the same services.

Dates: each step takes the day it happened (`on`), never in the future, never before the step
it follows; the office often records what was decided on paper days before. Document numbers
(the decision, the conclusion notice) come from the register of the deciding body
(`documents.numbering`), inside the same transaction, so a refused step spends no number.
"""

from __future__ import annotations

from ._common import (
    CONCLUSION_TYPE,
    DECISION_TYPE,
    STEP_LABELS,
    UploadedFile,
    check_files,
    committee_of,
)
from .conclusions import RecommendationData, conclusion_issue
from .decisions import SubjectData, inspection_decide
from .discipline import complaint_decide, complaint_lodge, discipline_record_create
from .follow_up import INSPECTION_ACTOR, REACHED, attachments_add, recommendations_follow
from .programmes import PlannedItemData, check_planned_item, planned_items_add, programme_create
from .step_reports import subject_report_record, team_report_record

__all__ = [
    "CONCLUSION_TYPE",
    "DECISION_TYPE",
    "INSPECTION_ACTOR",
    "REACHED",
    "STEP_LABELS",
    "PlannedItemData",
    "RecommendationData",
    "SubjectData",
    "UploadedFile",
    "attachments_add",
    "check_files",
    "check_planned_item",
    "committee_of",
    "complaint_decide",
    "complaint_lodge",
    "conclusion_issue",
    "discipline_record_create",
    "inspection_decide",
    "planned_items_add",
    "programme_create",
    "recommendations_follow",
    "subject_report_record",
    "team_report_record",
]
