"""The "6 rõ" check (QĐ 2179/QĐ-TTg): is it clear who, what, when, with what responsibility,
producing what, and accepted by whom?

Pure functions over a task's fields. The rules, item by item:

- who: a lead unit (đơn vị chủ trì) of the organisation tree is set; the lead as written in the
  source does not count until the office has matched it to a unit.
- what: the content is not blank.
- when: a deadline date is set (the wording alone, "3 tháng cuối năm", does not count).
- responsibility: one unit answers for the result, i.e. a lead unit is set. Coordinating units are
  optional: a task one unit does alone has a clear responsibility, and the system has no way to
  tell "nobody was asked to help" from "helpers were forgotten". So a task without a lead unit
  shows both "who" and "responsibility": the office sees the one fix that closes both.
- product: an expected output (a plan, a regulation, a report…) is named.
- authority: the organisation that accepts or evaluates the result is set.

`SIX_CLEAR_INCOMPLETE` is the same rule as a database condition, for lists and counts.

Publishing with gaps needs a reason (a waiver), but not every gap can be waived: a published task
always has a lead unit and a deadline (issue 17: a task let out without them read "within the
deadline" forever and counted as on time). `Gap.waivable` says which; `blocking_gaps` lists the
ones that stop publication whatever the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Gap:
    code: str
    label: str | Promise
    waivable: bool = True  # may the task be published with this gap, for a reason?


WHO = Gap("who", _("Who: no lead unit"), waivable=False)  # đơn vị chủ trì
WHAT = Gap("what", _("What: no content"))
WHEN = Gap("when", _("When: no deadline"), waivable=False)  # thời hạn
RESPONSIBILITY = Gap(
    "responsibility", _("Responsibility: no unit answers for the result"), waivable=False
)
PRODUCT = Gap("product", _("Product: no expected output"))
AUTHORITY = Gap("authority", _("Authority: nobody named to accept the result"))

SIX_CLEAR_INCOMPLETE = (
    Q(lead_unit__isnull=True)
    | Q(content="")
    | Q(deadline__isnull=True)
    | Q(deliverable="")
    | Q(authority__isnull=True)
)


def six_clear_gaps(task: Any) -> list[Gap]:
    """The 6-rõ items `task` leaves unclear, in the official order; empty when all are clear."""
    gaps: list[Gap] = []
    if task.lead_unit_id is None:
        gaps.append(WHO)
    if not (task.content or "").strip():
        gaps.append(WHAT)
    if task.deadline is None:
        gaps.append(WHEN)
    if task.lead_unit_id is None:
        gaps.append(RESPONSIBILITY)
    if not (task.deliverable or "").strip():
        gaps.append(PRODUCT)
    if task.authority_id is None:
        gaps.append(AUTHORITY)
    return gaps


def blocking_gaps(task: Any) -> list[Gap]:
    """The gaps no reason can waive: a task is published only with a lead unit and a deadline."""
    return [gap for gap in six_clear_gaps(task) if not gap.waivable]
