"""The checks of the act and of the units created, updated and closed (sheets “Quyết định”,
“Tổ chức”, “Cập nhật”), and of the new units' parents."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dangvu.core.dates import short_date
from dangvu.org import services
from dangvu.org.imports.check_base import CheckerBase, Known
from dangvu.org.imports.reading import (
    ACT_COLUMNS,
    LIMITS,
    ORG_COLUMNS,
    UPDATE_COLUMNS,
    Row,
    _code_or_error,
    _date_or_error,
    _length,
    _order_or_error,
    _required,
)
from dangvu.org.models import Reorganisation


class UnitChecks(CheckerBase):
    # the act -----------------------------------------------------------------------------------
    def check_act(self) -> None:
        rows = self.plan.act
        if not rows:
            return
        if not self.allowed("reorganisation.import", None):
            rows[0].errors.append(
                _("Only office staff and administrators may record a reorganisation.")
            )
        for row in rows[1:]:
            row.errors.append(_("One decision per workbook: this sheet has one row."))
        row = rows[0]
        number = _required(row, "number", ACT_COLUMNS)
        _length(row, "number", ACT_COLUMNS, 64)
        _length(row, "title", ACT_COLUMNS, 255)
        _length(row, "issuer", ACT_COLUMNS, 255)
        _required(row, "issuer", ACT_COLUMNS)
        issued = _date_or_error(row, "issued_on", ACT_COLUMNS, required=True)
        effective = _date_or_error(row, "effective_on", ACT_COLUMNS, required=True)
        if issued and effective and effective < issued:
            row.errors.append(_("The effective day cannot be before the decision is issued."))
        if number and Reorganisation.objects.filter(number=number).exists():
            row.errors.append(
                _("Reorganisation %(number)s is already recorded.") % {"number": number}
            )

    # units to create ---------------------------------------------------------------------------
    def check_creates(self) -> None:
        in_file: dict[str, Row] = {}
        for row in self.plan.organisations:
            v = row.values
            _required(row, "name", ORG_COLUMNS)
            for key in ("name", "short_name", "issuer_code", "code"):
                _length(row, key, ORG_COLUMNS, LIMITS[key])
            kind = self.kinds.get(v["kind"].strip().casefold()) if v["kind"] else None
            if kind is None:
                row.errors.append(
                    _("“%(column)s”: unknown type “%(value)s”.")
                    % {"column": ORG_COLUMNS["kind"], "value": v["kind"]}
                )
            else:
                v["kind"] = kind
            _order_or_error(row, ORG_COLUMNS)
            code = _code_or_error(row, "code", ORG_COLUMNS)
            if not code:
                row.errors.append(_("“%(column)s” is required.") % {"column": ORG_COLUMNS["code"]})
            elif code in self.stored_codes:
                row.errors.append(_("Code “%(code)s” already exists.") % {"code": code})
            elif code in in_file:
                row.errors.append(
                    _("Code “%(code)s” is repeated (row %(row)d).")
                    % {"code": code, "row": in_file[code].number}
                )
            else:
                in_file[code] = row
            start = _date_or_error(row, "valid_from", ORG_COLUMNS, required=True)
            end = _date_or_error(row, "valid_to", ORG_COLUMNS, required=False)
            if start and end and end < start:
                row.errors.append(_("The validity ends before it starts."))
            if code and start and code in in_file and in_file[code] is row:
                self.known[code] = Known(
                    code, v["name"], start, end, "", None, parent=v["parent"], row=row
                )

    # units to update or close ------------------------------------------------------------------
    def check_updates(self) -> None:
        seen: dict[str, Row] = {}
        closing = []
        for row in self.plan.updates:
            v = row.values
            code = _required(row, "code", UPDATE_COLUMNS)
            for key in ("name", "short_name", "issuer_code"):
                _length(row, key, UPDATE_COLUMNS, LIMITS[key])
            if v["kind"]:
                kind = self.kinds.get(v["kind"].strip().casefold())
                if kind is None:
                    row.errors.append(
                        _("“%(column)s”: unknown type “%(value)s”.")
                        % {"column": UPDATE_COLUMNS["kind"], "value": v["kind"]}
                    )
                else:
                    v["kind"] = kind
            _order_or_error(row, UPDATE_COLUMNS)
            close_on = _date_or_error(row, "close_on", UPDATE_COLUMNS, required=False)
            if not code:
                continue
            if code in seen:
                row.errors.append(
                    _("Code “%(code)s” is repeated (row %(row)d).")
                    % {"code": code, "row": seen[code].number}
                )
                continue
            seen[code] = row
            known = self.known.get(code)
            if known is None or known.stored is None:
                row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
                continue
            organisation = known.stored
            changes = any(v[k] for k in ("name", "short_name", "kind", "issuer_code", "sort_order"))
            if not changes and not close_on:
                row.errors.append(_("The row changes nothing: give a new value or a last day."))
            if changes and not self.allowed("organisation.update", organisation):
                row.errors.append(
                    _("You may not change %(name)s: it is outside the organisations you manage.")
                    % {"name": organisation.name}
                )
            if close_on:
                if not self.allowed("organisation.close", organisation):
                    row.errors.append(
                        _("You may not close %(name)s: it is outside the organisations you manage.")
                        % {"name": organisation.name}
                    )
                if close_on < organisation.valid_from:
                    row.errors.append(
                        _("The closing date cannot be before the organisation starts (%(start)s).")
                        % {"start": short_date(organisation.valid_from)}
                    )
                elif organisation.valid_to is not None and organisation.valid_to <= close_on:
                    row.errors.append(
                        _("%(name)s already ended on %(day)s.")
                        % {"name": organisation.name, "day": short_date(organisation.valid_to)}
                    )
                else:
                    closing.append((organisation, close_on, row))
        # A closing ends the subtree with it (as the service does); refused when a unit under it
        # starts later.
        for organisation, close_on, row in closing:
            for known in self.known.values():
                stored = known.stored
                if stored is None or not stored.path.startswith(organisation.path):
                    continue
                if stored.valid_from > close_on:
                    row.errors.append(
                        _("%(name)s starts after %(day)s; close or move it first.")
                        % {"name": stored.name, "day": short_date(close_on)}
                    )
                    break
                if known.valid_to is None or known.valid_to > close_on:
                    known.valid_to = close_on

    # parents of new units (after the closings, so that a parent closed here counts) -------------
    def check_parents(self) -> None:
        new = {k: v for k, v in self.known.items() if v.stored is None}
        for code, known in new.items():
            row = known.row
            if row is None:
                continue
            parent_code = known.parent
            if not parent_code:
                known.path = f"/new-{code}/"
                if not self.allowed("organisation.create_under", None):
                    row.errors.append(
                        _("Only an administrator may create a root organisation: give a parent.")
                    )
                continue
            if parent_code == code:
                row.errors.append(_("An organisation cannot be its own parent."))
                continue
            parent = self.known.get(parent_code)
            if parent is None:
                row.errors.append(_("Parent “%(code)s” is not known.") % {"code": parent_code})
                continue
            error = services.parent_error(
                parent.name, parent.valid_from, parent.valid_to, known.valid_from, known.valid_to
            )
            if error:
                row.errors.append(error)
        self._check_cycles(new)
        # Paths (and the permission) from the nearest stored ancestor down.
        for known in new.values():
            row = known.row
            if row is None:
                continue
            chain, current, seen = [], known, set()
            while (
                current.stored is None and current.parent in self.known and current.code not in seen
            ):
                seen.add(current.code)
                chain.append(current)
                current = self.known[current.parent]
            if current.stored is None:
                if current.parent:  # an unknown parent or a loop: reported above
                    continue
                anchor_path, anchor = f"/new-{current.code}/", None
            else:
                anchor_path, anchor = current.stored.path, current.stored
            known.path = anchor_path + "".join(f"new-{k.code}/" for k in reversed(chain))
            if anchor is not None and not self.allowed("organisation.create_under", anchor):
                row.errors.append(
                    _(
                        "You may not create a unit under %(name)s: it is outside the "
                        "organisations you manage."
                    )
                    % {"name": anchor.name}
                )

    def _check_cycles(self, new: dict[str, Known]) -> None:
        for code, known in new.items():
            seen, current = set(), code
            while current in new and current not in seen:
                seen.add(current)
                current = new[current].parent
            if current in seen and known.row is not None:
                known.row.errors.append(_("The parents of this row form a loop."))
