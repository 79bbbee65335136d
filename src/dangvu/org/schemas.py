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


class PersonIn(Schema):
    """A row of the workbook's sheet “Nhân sự”: a person, a position held in a unit, and
    optionally a user account (created when the name is new) with a role in that unit."""

    full_name: str
    email: str = ""
    phone: str = ""
    organisation: str
    title: str = ""
    valid_from: str
    valid_to: str = ""
    username: str = ""
    role: str = ""


class RoleIn(Schema):
    """A row of the sheet “Vai trò”: a role of an existing account in a unit."""

    username: str
    organisation: str
    role: str
    valid_from: str = ""


class ReorganisationIn(Schema):
    """One reorganisation as the workbook carries it, its people and roles included; `dry_run`
    checks without writing."""

    number: str
    issued_on: str
    issuer: str
    effective_on: str
    title: str = ""
    create: list[UnitCreateIn] = []
    update: list[UnitUpdateIn] = []
    links: list[LinkIn] = []
    people: list[PersonIn] = []
    roles: list[RoleIn] = []
    dry_run: bool = False


class RowErrorOut(Schema):
    sheet: str
    row: int
    errors: list[str]
    # the same in one sentence naming sheet and row (the rows of each list count from 1)
    message: str


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


class ImportCountsOut(Schema):
    organisations: int
    updated: int
    closed: int
    links: int
    positions: int
    roles: int


class AccountCreatedOut(Schema):
    """An account the import created: it has no password until its owner opens the one-time
    link (made for the importer, never stored)."""

    username: str
    full_name: str
    email: str
    setup_link: str


class ReorganisationCreatedOut(ReorganisationOut):
    counts: ImportCountsOut
    accounts: list[AccountCreatedOut]


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
