from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from dangvu.core.schema_types import Day, Id, Line, Percent, Text


class TaskFilterIn(Schema):
    on: Day | None = Field(None, description="As of this day (default today).")
    status: Line = Field(
        "",
        description="in_progress, due_soon, overdue, done_on_time, done_late, suspended, "
        "or within_deadline (in progress and due soon).",
    )
    unit: Id | None = Field(None, description="Led or coordinated by this unit or one under it.")
    lead: Id | None = Field(None, description="Led by exactly this unit.")
    committee: Id | None = None
    source: Line = ""
    deadline_from: Day | None = None
    deadline_to: Day | None = None


class StatisticsFilterIn(TaskFilterIn):
    group: Line = Field("unit", description="unit, committee or month.")


class UnitOut(Schema):
    id: int
    code: str
    name: str


class TaskOut(Schema):
    id: int
    content: str
    source_kind: str
    source_reference: str
    issued_on: dt.date
    committee: UnitOut
    lead_unit: UnitOut | None
    lead_text: str
    coordinating_units: list[UnitOut]
    deadline: dt.date | None
    deadline_text: str
    deliverable: str
    authority: UnitOut | None
    priority: str
    published_at: dt.datetime | None
    status: str = Field(description="As of the day asked for.")
    deadline_changed: bool
    progress: int
    completion_proposed_on: dt.date | None
    completed_on: dt.date | None
    suspended_on: dt.date | None
    parent_id: int | None
    weight: int


class DeadlineChangeOut(Schema):
    old_deadline: dt.date | None
    new_deadline: dt.date
    reason: str
    approved_by: str
    changed_on: dt.date


class CompletionStepOut(Schema):
    kind: str
    day: dt.date
    note: str


class TaskDetailOut(TaskOut):
    deadline_changes: list[DeadlineChangeOut]
    completion_steps: list[CompletionStepOut]
    actions: list[str] = Field(
        description="What the caller may do on the task now (`assignments.actions`): edit, "
        "publish, report, propose, accept, return, deadline, suspend, resume, followers, split."
    )


class EvidenceOut(Schema):
    name: str
    kind: str
    size: int


class ProgressReportOut(Schema):
    id: int
    task_id: int
    unit: UnitOut
    reported_on: dt.date
    done: str
    difficulties: str
    next_steps: str
    percent: int
    on_behalf: bool = Field(description="Recorded by the office on the unit's behalf.")
    evidence: list[EvidenceOut]


class ProgressReportIn(Schema):
    unit_id: Id = Field(description="The lead or a coordinating unit of the task.")
    reported_on: Day | None = Field(None, description="Default today.")
    done: Text
    difficulties: Text = ""
    next_steps: Text = ""
    percent: Percent


class StatisticsRowOut(Schema):
    """A row of the statistics: one field per column of `assignments.columns` (filled from that
    list; a test holds the two together)."""

    key: str | None
    label: str
    assigned: int
    done_on_time: int
    done_late: int
    in_progress: int
    due_soon: int
    overdue: int
    suspended: int
    no_deadline: int
    waived: int
    percent_on_time: float | None


class StatisticsOut(Schema):
    on: dt.date
    group: str
    rows: list[StatisticsRowOut]
    total: StatisticsRowOut
