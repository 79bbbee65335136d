"""Writes of the evaluation app. Each service asks the policy inside its transaction before it
writes, checks the source stage, validates with Vietnamese messages, and leaves an audit entry.

The three steps, in order, each dated and signed by a named person:
1. `self_assess`: a score per criterion (0 … its maximum), a note and evidence;
2. `appraise`: the advising body's scores (the self-assessed ones unless changed), its proposal;
3. `decide`: the competent level's grade: lower organisations before higher ones, a collective
   before its members, a head never above their unit; the quota checked for members;
`reopen` undoes a decision, only by the level that decided and not after the round's decision
was issued.
"""

from __future__ import annotations

from ._common import MEMBER_FIELDS, ROUND_FIELDS, STEP_FIELDS
from ._steps import ScoreInput
from .assessment import appraise, self_assess
from .decisions import decide, quota_group_set, quota_peers, reopen
from .issuing import round_fill_report, round_issue
from .members import (
    FollowResult,
    member_create,
    member_exemption_set,
    member_move,
    members_follow_reorganisations,
    members_follow_succession,
    members_hand_over,
    placement_on,
    units_with_members,
)
from .rounds import criteria_defaults_install, criteria_set_for, round_add_subjects, round_create

__all__ = [
    "MEMBER_FIELDS",
    "ROUND_FIELDS",
    "STEP_FIELDS",
    "FollowResult",
    "ScoreInput",
    "appraise",
    "criteria_defaults_install",
    "criteria_set_for",
    "decide",
    "member_create",
    "member_exemption_set",
    "member_move",
    "members_follow_reorganisations",
    "members_follow_succession",
    "members_hand_over",
    "placement_on",
    "quota_group_set",
    "quota_peers",
    "reopen",
    "round_add_subjects",
    "round_create",
    "round_fill_report",
    "round_issue",
    "self_assess",
    "units_with_members",
]
