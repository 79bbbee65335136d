"""The checks of people, their positions (sheet “Nhân sự”) and roles (sheet “Vai trò”)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dangvu.core.dates import short_date, within
from dangvu.org.enums import Role
from dangvu.org.imports.check_base import CheckerBase
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


class PeopleChecks(CheckerBase):
    def check_people(self) -> None:
        for row in self.plan.people:
            v = row.values
            _required(row, "full_name", PEOPLE_COLUMNS)
            _required(row, "title", PEOPLE_COLUMNS)
            _length(row, "full_name", PEOPLE_COLUMNS, 150)
            _length(row, "title", PEOPLE_COLUMNS, 150)
            _length(row, "email", PEOPLE_COLUMNS, 254)
            _length(row, "phone", PEOPLE_COLUMNS, 30)
            start = _date_or_error(row, "valid_from", PEOPLE_COLUMNS, required=True)
            end = _date_or_error(row, "valid_to", PEOPLE_COLUMNS, required=False)
            if start and end and end < start:
                row.errors.append(_("The validity ends before it starts."))
            code = v["organisation"]
            known = self.known.get(code)
            if known is None:
                row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
                continue
            if not self.allowed("position.assign", known.policy_object()):
                row.errors.append(
                    _(
                        "You may not record positions in %(name)s: it is outside the "
                        "organisations you manage."
                    )
                    % {"name": known.name}
                )
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
