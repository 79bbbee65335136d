"""The checks of the successor links (sheet “Kế thừa”), by the rules of `succession_rules` on
the links as they will stand."""

from __future__ import annotations

from collections.abc import Hashable

from django.utils.translation import gettext as _

from dangvu.org import succession_rules
from dangvu.org.enums import SuccessionKind
from dangvu.org.imports.check_base import CheckerBase
from dangvu.org.imports.reading import (
    LINK_COLUMNS,
    Row,
    _length,
    _required,
)
from dangvu.org.models import Succession


class LinkChecks(CheckerBase):
    # successor links ---------------------------------------------------------------------------
    def check_links(self) -> None:
        if not self.plan.links:
            return
        stored_links = list(
            Succession.objects.values_list("predecessor__code", "successor__code", "kind")
        )
        kinds_by_predecessor: dict[str, list[str]] = {}
        edges: dict[Hashable, list[Hashable]] = {}
        for old, new, stored_kind in stored_links:
            kinds_by_predecessor.setdefault(old, []).append(stored_kind)
            edges.setdefault(old, []).append(new)
        pairs = {(old, new) for old, new, _kind in stored_links}
        in_file: dict[tuple[str, str], Row] = {}
        rows_by_predecessor: dict[str, list[Row]] = {}
        for row in self.plan.links:
            v = row.values
            pred_code = _required(row, "predecessor", LINK_COLUMNS)
            succ_code = _required(row, "successor", LINK_COLUMNS)
            _length(row, "wording", LINK_COLUMNS, 500)
            _length(row, "clause", LINK_COLUMNS, 64)
            kind = self.link_kinds.get(v["kind"].strip().casefold()) if v["kind"] else None
            if kind is None:
                row.errors.append(
                    _("“%(column)s”: unknown kind “%(value)s” (allowed: %(allowed)s).")
                    % {
                        "column": LINK_COLUMNS["kind"],
                        "value": v["kind"],
                        "allowed": ", ".join(str(k.label) for k in SuccessionKind),
                    }
                )
            else:
                v["kind"] = kind
            pred = self.known.get(pred_code) if pred_code else None
            succ = self.known.get(succ_code) if succ_code else None
            for code, known in ((pred_code, pred), (succ_code, succ)):
                if code and known is None:
                    row.errors.append(_("Organisation “%(code)s” is not known.") % {"code": code})
            if pred is None or succ is None or kind is None:
                continue
            pair = (pred_code, succ_code)
            if pair in pairs:
                row.errors.append(_("This succession is already recorded."))
                continue
            if pair in in_file:
                row.errors.append(
                    _("This link is repeated (row %(row)d).") % {"row": in_file[pair].number}
                )
                continue
            in_file[pair] = row
            link = Succession(
                predecessor=pred.policy_object(), successor=succ.policy_object(), kind=kind
            )
            if not self.allowed("succession.manage", link):
                row.errors.append(
                    _(
                        "You may not link %(predecessor)s to %(successor)s: a link is recorded by "
                        "the office that manages both."
                    )
                    % {"predecessor": pred.name, "successor": succ.name}
                )
            error = succession_rules.date_error(kind, pred.unit(), succ.unit())
            if error:
                row.errors.append(error)
            if succession_rules.closes_cycle(edges, pred_code, succ_code):
                row.errors.append(succession_rules.cycle_message(pred.name, succ.name))
            else:
                edges.setdefault(pred_code, []).append(succ_code)
            kinds_by_predecessor.setdefault(pred_code, []).append(kind)
            rows_by_predecessor.setdefault(pred_code, []).append(row)
        # The rules on each predecessor's links as they will stand, reported on its rows.
        for pred_code, rows in rows_by_predecessor.items():
            error = succession_rules.set_error(
                self.known[pred_code].name, kinds_by_predecessor[pred_code]
            )
            if error:
                for row in rows:
                    row.errors.append(error)

    # people ------------------------------------------------------------------------------------
