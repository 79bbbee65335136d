"""API shapes: separate input and output schemas."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from dangvu.core.schema_types import Id, Line, Moment, Text


class ConferenceOut(Schema):
    id: int
    committee_id: int
    committee: str
    kind: str
    title: str
    starts_at: dt.datetime
    place: str
    online_link: str
    chair: str | None
    chair_title: str
    state: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    document_reference: str
    discussion: str
    outcome_kind: str
    outcome: str


class ConferenceDetailOut(ConferenceOut):
    agenda: list[AgendaItemOut]
    attendance_counts: dict[str, int]


class ConferenceIn(Schema):
    committee_id: Id
    kind: Line
    title: Line
    starts_at: Moment
    place: Line = ""
    online_link: Line = ""
    chair_title: Line = ""
    secretary: Line = ""


class InvitationOut(Schema):
    id: int
    person: str | None
    organisation_id: int | None
    organisation: str | None
    position_text: str
    attendance: str


class AttendanceIn(Schema):
    attendance: dict[Id, Line]


class ConclusionItemOut(Schema):
    id: int
    label: str
    number: int
    parent_id: int | None
    text: str
    task_id: int | None


class ConclusionOut(Schema):
    preamble: str
    number: str | None
    issued_on: dt.date | None
    signer: str
    items: list[ConclusionItemOut]


class ConclusionItemIn(Schema):
    text: Text
    subitems: list[Text] = []


class ConclusionIn(Schema):
    preamble: Text = ""
    items: list[ConclusionItemIn]


class TaskCreatedOut(Schema):
    task_id: int
    source_reference: str
