"""Reads of the evaluation app, scoped to what the user may see: `register` (party members),
`rounds` (rounds, evaluations, their scores and task results) and `results` (the quota, the
roll-up through the tree, the figures for the period report), re-exported here.

The roll-up reads the materialised `GradeSummary` rows of one organisation and its children (as
they were on the round's day): a fixed number of queries whatever the size of the tree.
"""

from __future__ import annotations

from .register import (
    MemberRow,
    get_member_for_user,
    member_rows,
    members_visible_to,
)
from .results import (
    REPORT_INDICATORS,
    GradeCounts,
    QuotaLine,
    RollUp,
    RollUpRow,
    RollUpRowCounts,
    can_read_results,
    previous_round,
    progress,
    quota_status,
    report_figures,
    report_indicators_text,
    report_periods,
    rollup,
)
from .rounds import (
    ScoreLine,
    TaskResults,
    evaluations_visible_to,
    get_evaluation_for_user,
    get_round_for_user,
    rounds_visible_to,
    score_lines,
    task_results,
)

__all__ = [
    "REPORT_INDICATORS",
    "GradeCounts",
    "MemberRow",
    "QuotaLine",
    "RollUp",
    "RollUpRow",
    "RollUpRowCounts",
    "ScoreLine",
    "TaskResults",
    "can_read_results",
    "evaluations_visible_to",
    "get_evaluation_for_user",
    "get_member_for_user",
    "get_round_for_user",
    "member_rows",
    "members_visible_to",
    "previous_round",
    "progress",
    "quota_status",
    "report_figures",
    "report_indicators_text",
    "report_periods",
    "rollup",
    "rounds_visible_to",
    "score_lines",
    "task_results",
]
