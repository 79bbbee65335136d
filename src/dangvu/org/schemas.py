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
    sort_order: int
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
    link_id: int
    organisation_id: int
    name: str
    kind: str
    wording: str
    clause: str
    reorganisation: str | None


class OrganisationDetailOut(OrganisationOut):
    positions: list[PositionOut]
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class UnitCreateIn(Schema):
    code: str
    name: str
    short_name: str = ""
    kind: str
    issuer_code: str = ""
    parent: str = ""
    valid_from: str
    valid_to: str = ""
    sort_order: str | int = ""


class UnitUpdateIn(Schema):
    code: str
    name: str = ""
    short_name: str = ""
    kind: str = ""
    issuer_code: str = ""
    sort_order: str | int = ""
    close_on: str = ""


class LinkIn(Schema):
    predecessor: str
    successor: str
    kind: str
    wording: str = ""
    clause: str = ""


class ReorganisationIn(Schema):
    """One reorganisation as the workbook carries it; `dry_run` checks without writing."""

    number: str
    issued_on: str
    issuer: str
    effective_on: str
    title: str = ""
    create: list[UnitCreateIn] = []
    update: list[UnitUpdateIn] = []
    links: list[LinkIn] = []
    dry_run: bool = False


class RowErrorOut(Schema):
    sheet: str
    row: int
    errors: list[str]


class ReorganisationCheckOut(Schema):
    valid: bool
    errors: list[RowErrorOut]


class ReorganisationOut(Schema):
    id: int
    number: str
    title: str
    issued_on: dt.date
    issuer: str
    effective_on: dt.date


class LinkOut(Schema):
    id: int
    predecessor_id: int
    successor_id: int
    kind: str
    wording: str
    clause: str
    reorganisation_id: int | None


class LinkCreateIn(Schema):
    predecessor_id: int
    successor_id: int
    kind: str
    wording: str = ""
    clause: str = ""


class LinkUpdateIn(Schema):
    kind: str
    wording: str = ""
    clause: str = ""
