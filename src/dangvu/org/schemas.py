from __future__ import annotations

import datetime as dt

from ninja import Schema


class OrganisationOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    issuer_code: str
    parent_id: int | None
    valid_from: dt.date
    valid_to: dt.date | None


class TreeNodeOut(Schema):
    organisation: OrganisationOut
    children: list[TreeNodeOut]


class PositionOut(Schema):
    person: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None


class SuccessionOut(Schema):
    organisation_id: int
    name: str
    kind: str


class OrganisationDetailOut(OrganisationOut):
    positions: list[PositionOut]
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]
