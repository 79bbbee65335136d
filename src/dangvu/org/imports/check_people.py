"""The checks of people, their positions (sheet “Nhân sự”) and roles (sheet “Vai trò”)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from dangvu.core.dates import short_date, within
from dangvu.org.enums import Role
from dangvu.org.imports.check_base import CheckerBase, Known
from dangvu.org.imports.reading import (
    PEOPLE_COLUMNS,
    ROLE_COLUMNS,
    Row,
    _date_or_error,
    _label_table,
    _length,
    _required,
)
from dangvu.org.models import Membership

# Django's user names: letters (any script), digits and @ . + - _
USERNAME_PATTERN = re.compile(r"^[\w.@+-]+\Z")


class PeopleChecks(CheckerBase):
    def check_people(self) -> None:
        accounts = self._accounts()
        owners: dict[str, Row] = {}  # user name → the first row giving it
        grants: dict[tuple[str, str, str], Row] = {}
        for row in self.plan.people:
            v = row.values
            _required(row, "full_name", PEOPLE_COLUMNS)
            if not v.get("role"):  # a row may give only a role, else it records a position
                _required(row, "title", PEOPLE_COLUMNS)
            _length(row, "full_name", PEOPLE_COLUMNS, 150)
            _length(row, "title", PEOPLE_COLUMNS, 150)
            _length(row, "email", PEOPLE_COLUMNS, 254)
            _length(row, "phone", PEOPLE_COLUMNS, 30)
            start = _date_or_error(row, "valid_from", PEOPLE_COLUMNS, required=True)
            end = _date_or_error(row, "valid_to", PEOPLE_COLUMNS, required=False)
            if start and end and end < start:
                row.errors.append(_("The validity ends before it starts."))
            self._check_account(row, accounts, owners)
            code = v["organisation"]
            known = self.known.get(code)
            if known is None:
                row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
                continue
            if v["title"] and not self.allowed("position.assign", known.policy_object()):
                row.errors.append(
                    _(
                        "You may not record positions in %(name)s: it is outside the "
                        "organisations you manage."
                    )
                    % {"name": known.name}
                )
            self._check_role(row, known, grants)
            if start and not within(start, known.valid_from, known.valid_to):
                row.errors.append(
                    _("Organisation “%(code)s” does not exist on %(day)s.")
                    % {"code": code, "day": short_date(start)}
                )
            elif known.valid_to is not None and end is not None and end > known.valid_to:
                row.errors.append(
                    _("%(name)s ends on %(day)s.")
                    % {"name": known.name, "day": short_date(known.valid_to)}
                )

    def _accounts(self) -> dict[str, bool]:
        """The accounts the sheet names that exist already: user name → active."""
        from dangvu.accounts.models import User

        names = {r.values.get("username", "") for r in self.plan.people} - {""}
        if not names:
            return {}
        return dict(User.objects.filter(username__in=names).values_list("username", "is_active"))

    def _check_account(self, row: Row, accounts: dict[str, bool], owners: dict[str, Row]) -> None:
        """A user name: well formed; an existing account is used as it is (if active), a new one
        is created; one name for one person in the file."""
        v = row.values
        username = v.get("username", "")
        if not username:
            return
        if len(username) > 150 or not USERNAME_PATTERN.match(username):
            row.errors.append(
                _(
                    "“%(column)s”: “%(value)s” may hold only letters, digits and @ . + - _ "
                    "(no spaces), at most 150 characters."
                )
                % {"column": PEOPLE_COLUMNS["username"], "value": username}
            )
            return
        if accounts.get(username) is False:
            row.errors.append(
                _("The account “%(name)s” is locked: unlock it before granting it anything.")
                % {"name": username}
            )
        if username not in accounts and not self.allowed("account.create", None):
            row.errors.append(_("You may not create user accounts."))
        first = owners.setdefault(username, row)
        if first is not row and (
            first.values["full_name"].casefold() != v["full_name"].casefold()
            or first.values["email"].casefold() != v["email"].casefold()
        ):
            row.errors.append(
                _("The user name “%(name)s” is given to another person in row %(row)d.")
                % {"name": username, "row": first.number}
            )

    def _check_role(self, row: Row, known: Known, grants: dict[tuple[str, str, str], Row]) -> None:
        """A role in the row's unit: known, for a user name, within the importer's scope."""
        v = row.values
        if not v.get("role"):
            return
        role = _label_table(Role).get(v["role"].strip().casefold())
        if role is None:
            row.errors.append(
                _("“%(column)s”: unknown role “%(value)s” (allowed: %(allowed)s).")
                % {
                    "column": PEOPLE_COLUMNS["role"],
                    "value": v["role"],
                    "allowed": ", ".join(str(r.label) for r in Role),
                }
            )
            return
        v["role"] = role
        if not v.get("username"):
            row.errors.append(
                _("A role is granted to a user account: give “%(column)s”.")
                % {"column": PEOPLE_COLUMNS["username"]}
            )
        probe = Membership(organisation=known.policy_object(), role=role)
        if not self.allowed("membership.grant", probe):
            row.errors.append(
                _(
                    "You may not grant roles in %(name)s: it is outside the organisations "
                    "you manage."
                )
                % {"name": known.name}
            )
        key = (v.get("username", ""), known.code, role)
        first = grants.setdefault(key, row)
        if first is not row:
            row.errors.append(_("This role is repeated (row %(row)d).") % {"row": first.number})

    # roles (memberships) -------------------------------------------------------------------------
    def check_roles(self) -> None:
        if not self.plan.roles:
            return
        from dangvu.accounts.models import User

        roles = _label_table(Role)
        names = {r.values["username"] for r in self.plan.roles}
        users = set(
            User.objects.filter(username__in=names, is_active=True).values_list(
                "username", flat=True
            )
        )
        seen: dict[tuple[str, str, str], Row] = {}
        for row in self.plan.roles:
            v = row.values
            username = _required(row, "username", ROLE_COLUMNS)
            if username and username not in users:
                row.errors.append(
                    _("No active user has the user name “%(name)s”.") % {"name": username}
                )
            role = roles.get(v["role"].strip().casefold()) if v["role"] else None
            if role is None:
                row.errors.append(
                    _("“%(column)s”: unknown role “%(value)s” (allowed: %(allowed)s).")
                    % {
                        "column": ROLE_COLUMNS["role"],
                        "value": v["role"],
                        "allowed": ", ".join(str(r.label) for r in Role),
                    }
                )
            else:
                v["role"] = role
            start = _date_or_error(row, "valid_from", ROLE_COLUMNS, required=False)
            known = self.known.get(v["organisation"])
            if known is None:
                row.errors.append(
                    _("Organisation “%(code)s” is not known.") % {"code": v["organisation"]}
                )
                continue
            key = (username, v["organisation"], v["role"])
            if key in seen:
                row.errors.append(
                    _("This role is repeated (row %(row)d).") % {"row": seen[key].number}
                )
            seen[key] = row
            probe = Membership(organisation=known.policy_object(), role=role or Role.REPORTER)
            if not self.allowed("membership.grant", probe):
                row.errors.append(
                    _(
                        "You may not grant roles in %(name)s: it is outside the organisations "
                        "you manage."
                    )
                    % {"name": known.name}
                )
            if start and not within(start, known.valid_from, known.valid_to):
                row.errors.append(
                    _("Organisation “%(code)s” does not exist on %(day)s.")
                    % {"code": v["organisation"], "day": short_date(start)}
                )
