"""The rules a set of successor links must keep, on plain data, so that the services (one link)
and the reorganisation import's preview (a whole workbook, before anything is written) apply the
very same checks and messages.

- dates fit the kind: a predecessor ends before it is succeeded; a successor taking the whole, a
  part or the remainder starts the day after the predecessor's last day; a successor that absorbs
  it (sáp nhập vào) exists that day and may have started long before;
- a predecessor taken whole (or absorbed) has that one successor only;
- "the remainder" (phần còn lại) goes to one successor, beside at least one part;
- no cycle of successions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dangvu.core.dates import short_date, within
from dangvu.org.enums import SINGLE_SUCCESSOR_KINDS, SuccessionKind


@dataclass(frozen=True)
class Unit:
    """An organisation as the rules see it (saved or still a row of a workbook)."""

    key: Hashable
    name: str
    valid_from: dt.date
    valid_to: dt.date | None


def kind_label(kind: str) -> str:
    try:
        return str(SuccessionKind(kind).label)
    except ValueError:
        return kind


def date_error(kind: str, predecessor: Unit, successor: Unit) -> str | None:
    """Why these dates do not fit a link of `kind`, or None."""
    if predecessor.key == successor.key:
        return _("An organisation cannot succeed itself.")
    if predecessor.valid_to is None:
        return _(
            "%(predecessor)s has not ended: close it first (its last day is the day before "
            "its successors take over)."
        ) % {"predecessor": predecessor.name}
    takeover = predecessor.valid_to + dt.timedelta(days=1)
    if kind == SuccessionKind.ABSORBED:
        if not within(takeover, successor.valid_from, successor.valid_to):
            return _(
                "%(successor)s does not exist on %(day)s, the day after %(predecessor)s ends, "
                "so it cannot absorb it."
            ) % {
                "successor": successor.name,
                "day": short_date(takeover),
                "predecessor": predecessor.name,
            }
        return None
    if successor.valid_from != takeover:
        return _(
            "%(successor)s starts on %(start)s; a successor taking “%(kind)s” of "
            "%(predecessor)s (last day %(end)s) starts on %(day)s. If %(successor)s existed "
            "before and continues, choose “absorbed into”."
        ) % {
            "successor": successor.name,
            "start": short_date(successor.valid_from),
            "kind": kind_label(kind),
            "predecessor": predecessor.name,
            "end": short_date(predecessor.valid_to),
            "day": short_date(takeover),
        }
    return None


def set_error(predecessor_name: str, kinds: Iterable[str]) -> str | None:
    """Why these kinds cannot be the successor links of one predecessor together, or None."""
    kinds = list(kinds)
    single = [k for k in kinds if k in SINGLE_SUCCESSOR_KINDS]
    if single and len(kinds) > 1:
        return _(
            "%(predecessor)s goes “%(kind)s” to one successor; it cannot have other successors."
        ) % {"predecessor": predecessor_name, "kind": kind_label(single[0])}
    remainders = kinds.count(SuccessionKind.REMAINDER)
    if remainders > 1:
        return _("The remainder of %(predecessor)s goes to one successor only.") % {
            "predecessor": predecessor_name
        }
    if remainders and SuccessionKind.PART not in kinds:
        return _(
            "“Remainder” of %(predecessor)s is only meaningful beside parts of it given to "
            "other successors: record the parts first."
        ) % {"predecessor": predecessor_name}
    return None


def closes_cycle(
    edges: Mapping[Hashable, Iterable[Hashable]], predecessor: Hashable, successor: Hashable
) -> bool:
    """Would the link predecessor → successor close a cycle (successor leads back to it)?"""
    seen: set[Hashable] = set()
    stack = [successor]
    while stack:
        key = stack.pop()
        if key == predecessor:
            return True
        if key in seen:
            continue
        seen.add(key)
        stack.extend(edges.get(key, ()))
    return False


def cycle_message(predecessor_name: str, successor_name: str) -> str:
    return _(
        "%(successor)s already leads back to %(predecessor)s: the link would close a cycle."
    ) % {
        "successor": successor_name,
        "predecessor": predecessor_name,
    }
