"""Inspection and supervision (kiểm tra, giám sát) and Party discipline (kỷ luật đảng).

A committee and its inspection commission plan their work in a term programme and yearly plans
(`Programme`, `PlannedItem`). Each inspection or supervision (`Inspection`) goes from the numbered
decision that sets up the team, through the subject's own report and the team's report, to the
numbered conclusion notice; documents are attached at each step (`Attachment`) and each
recommendation of the conclusion (`Recommendation`) becomes a follow-up task. Discipline
decisions (`DisciplineRecord`) and the complaints about them (`Complaint`) are sensitive: read
through `selectors.get_discipline_for_user`, which logs every read.

`committee` on each row is the Party committee whose records these are (scoping); `issuer` is
the body that decides and numbers the documents: the committee itself or its commission.
States change only through `services.py`; the constraints in each module hold whatever writes.

One module a concept, re-exported here (app label and migrations unchanged): `planning`
(programme and plan), `inspections` (an inspection, its subjects, attachments and
recommendations), `discipline` (decisions and complaints).
"""

from __future__ import annotations

from .discipline import (
    Complaint,
    DisciplineRecord,
)
from .inspections import (
    Attachment,
    Inspection,
    InspectionSubject,
    Recommendation,
)
from .planning import (
    PlannedItem,
    Programme,
)

__all__ = [
    "Attachment",
    "Complaint",
    "DisciplineRecord",
    "Inspection",
    "InspectionSubject",
    "PlannedItem",
    "Programme",
    "Recommendation",
]
