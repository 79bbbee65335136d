"""Field lists shared by the evaluation services."""

from __future__ import annotations

MEMBER_FIELDS = [
    "code",
    "full_name",
    "birth_year",
    "joined_on",
    "status",
    "subject_kind",
    "heads_cell",
    "exempt",
    "exempt_reason",
    "user",
]
ROUND_FIELDS = [
    "committee",
    "advising_body",
    "kind",
    "year",
    "number",
    "title",
    "starts_on",
    "ends_on",
    "quota_percent",
]
STEP_FIELDS = {
    "self": ["stage", "self_total", "self_grade", "self_note", "self_signer", "self_on"],
    "appraisal": [
        "stage",
        "appraised_total",
        "proposed_grade",
        "appraisal_note",
        "appraisal_signer",
        "appraised_on",
        "tasks_all_on_time",
        "tasks_exceeding",
        "disciplined",
        "shortcomings_remedied",
    ],
    "decision": [
        "stage",
        "grade",
        "decision_note",
        "quota_exception",
        "decision_signer",
        "decided_on",
        "decided_level",
    ],
}
