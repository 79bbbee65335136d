"""The standard counts of inspection and supervision per period and level, as period reports
carry them: planned (from the yearly plan where the body keeps one for the year, else from its
term programme: never both), held, done, subjects (organisations, members), subjects with
violations, disciplined by form. Rows are committees rolled up to the level under the one asked
for (drill-down by `under`); a fixed number of queries whatever the size of the tree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dangvu.inspection import permissions
from dangvu.inspection.enums import (
    SUPERVISION_KINDS,
    DisciplineForm,
    InspectionState,
    ProgrammeKind,
    SubjectKind,
)
from dangvu.inspection.models import (
    DisciplineRecord,
    Inspection,
    InspectionSubject,
    PlannedItem,
    Programme,
)
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

COUNTS = [
    "planned_inspections",
    "planned_supervisions",
    "inspections_held",
    "supervisions_held",
    "inspections_done",
    "supervisions_done",
    "subject_organisations",
    "subject_members",
    "organisations_with_violations",
    "members_with_violations",
    *(f"members_{form}" for form in DisciplineForm.values),
    *(f"organisations_{form}" for form in DisciplineForm.values),
]


def count_labels() -> dict[str, str]:
    forms = dict(DisciplineForm.choices)
    labels = {
        "planned_inspections": _("Inspections planned"),
        "planned_supervisions": _("Supervisions planned"),
        "inspections_held": _("Inspections held"),
        "supervisions_held": _("Supervisions held"),
        "inspections_done": _("Inspections concluded"),
        "supervisions_done": _("Supervisions concluded"),
        "subject_organisations": _("Organisations inspected or supervised"),
        "subject_members": _("Members inspected or supervised"),
        "organisations_with_violations": _("Organisations with violations"),
        "members_with_violations": _("Members with violations"),
    }
    for form, label in forms.items():
        labels[f"members_{form}"] = _("Members disciplined: %(form)s") % {"form": label}
        labels[f"organisations_{form}"] = _("Organisations disciplined: %(form)s") % {"form": label}
    return labels


# Discipline forms that never apply to one kind of subject: their columns are left out.
SHOWN = [
    c
    for c in COUNTS
    if c not in {"members_dissolution", "organisations_dismissal", "organisations_expulsion"}
]


@dataclass
class StatRow:
    organisation: Organisation | None
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    drillable: bool = False

    @property
    def members_disciplined(self) -> int:
        return sum(self.counts[f"members_{f}"] for f in DisciplineForm.values)

    @property
    def organisations_disciplined(self) -> int:
        return sum(self.counts[f"organisations_{f}"] for f in DisciplineForm.values)

    def values(self) -> list[int]:
        return [self.counts[c] for c in SHOWN]


@dataclass
class Statistics:
    start: dt.date
    end: dt.date
    under: Organisation | None
    rows: list[StatRow]
    total: StatRow


def _bucket_of(path: str, under_path: str, depth: int) -> str:
    """The path of the row a committee's figures go to: the ancestor one level below `under`
    (or `under` itself)."""
    parts = path.strip("/").split("/")
    if not path.startswith(under_path):
        return ""
    return "/" + "/".join(parts[: depth + 2]) + "/" if len(parts) > depth + 1 else under_path


def _planned_q(start: dt.date, end: dt.date) -> Q:
    """Planned items whose month falls in the period, or whose year does when no month is set."""
    q = Q(planned_month__isnull=True, planned_year__gte=start.year, planned_year__lte=end.year)
    months = Q(pk__in=[])
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months |= Q(planned_year=year, planned_month=month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return q | months


def _not_replaced_q(under_path: str) -> Q:
    """A body's yearly plan replaces its term programme for that year (the plan carries the
    programme's items out, with others): a term programme's items of a year for which the same
    body keeps a yearly plan are not counted again."""
    pairs = set(
        Programme.objects.filter(
            kind=ProgrammeKind.YEAR, committee__path__startswith=under_path
        ).values_list("issuer_id", "year_from")
    )
    replaced = Q(pk__in=[])
    for issuer_id, year in pairs:
        replaced |= Q(programme__issuer_id=issuer_id, planned_year=year)
    return ~(Q(programme__kind=ProgrammeKind.TERM) & replaced)


def inspection_statistics(
    user: Actor | AnonymousUser, *, start: dt.date, end: dt.date, under: Organisation | None = None
) -> Statistics:
    """Counts of the records the user may read, for the period [start, end]: held = decided in
    the period, done = concluded in it, subjects of the inspections held, violations in those
    concluded, discipline decided in it. Rows: `under` (its own) and each organisation directly
    below it holding records, rolled up."""
    read = permissions.read_q(user)
    if under is None:
        paths = Scope.of(user).paths(permissions.READ_ROLES)
        top = sorted(paths, key=len)[0] if paths else None
        under = (
            Organisation.objects.filter(path=top).first()
            if top
            else Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
        )
    under_path = under.path if under else "/"
    depth = under.depth if under else -1
    buckets: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))

    def add(path: str, key: str, n: int) -> None:
        bucket = _bucket_of(path, under_path, depth)
        if bucket:
            buckets[bucket][key] += n

    visible = Inspection.objects.filter(read).values("pk")
    base = Inspection.objects.filter(pk__in=visible, committee__path__startswith=under_path)
    supervision = Q(kind__in=list(SUPERVISION_KINDS))
    for row in (
        PlannedItem.objects.filter(
            _planned_q(start, end),
            _not_replaced_q(under_path),
            programme__in=_programmes(user),
            programme__committee__path__startswith=under_path,
        )
        .values("programme__committee__path")
        .annotate(
            sup=Count("pk", filter=supervision),
            total=Count("pk"),
        )
    ):
        path = row["programme__committee__path"]
        add(path, "planned_supervisions", row["sup"])
        add(path, "planned_inspections", row["total"] - row["sup"])
    for row in (
        base.filter(decided_on__range=(start, end))
        .values("committee__path")
        .annotate(sup=Count("pk", filter=supervision), total=Count("pk"))
    ):
        add(row["committee__path"], "supervisions_held", row["sup"])
        add(row["committee__path"], "inspections_held", row["total"] - row["sup"])
    for row in (
        base.filter(state=InspectionState.CONCLUDED, concluded_on__range=(start, end))
        .values("committee__path")
        .annotate(sup=Count("pk", filter=supervision), total=Count("pk"))
    ):
        add(row["committee__path"], "supervisions_done", row["sup"])
        add(row["committee__path"], "inspections_done", row["total"] - row["sup"])
    subjects = InspectionSubject.objects.filter(inspection__in=base)
    member = ~Q(member_name="")
    for row in (
        subjects.filter(inspection__decided_on__range=(start, end))
        .values("inspection__committee__path")
        .annotate(members=Count("pk", filter=member), total=Count("pk"))
    ):
        path = row["inspection__committee__path"]
        add(path, "subject_members", row["members"])
        add(path, "subject_organisations", row["total"] - row["members"])
    for row in (
        subjects.filter(
            violation=True,
            inspection__state=InspectionState.CONCLUDED,
            inspection__concluded_on__range=(start, end),
        )
        .values("inspection__committee__path")
        .annotate(members=Count("pk", filter=member), total=Count("pk"))
    ):
        path = row["inspection__committee__path"]
        add(path, "members_with_violations", row["members"])
        add(path, "organisations_with_violations", row["total"] - row["members"])
    for row in (
        DisciplineRecord.objects.filter(
            permissions.discipline_read_q(user),
            committee__path__startswith=under_path,
            decided_on__range=(start, end),
        )
        .values("committee__path", "subject_kind", "form")
        .annotate(n=Count("pk"))
    ):
        prefix = "members" if row["subject_kind"] == SubjectKind.MEMBER else "organisations"
        add(row["committee__path"], f"{prefix}_{row['form']}", row["n"])

    organisations = {o.path: o for o in Organisation.objects.filter(path__in=list(buckets.keys()))}
    rows = []
    for path in sorted(
        buckets,
        key=lambda p: (
            p != under_path,
            organisations[p].sort_order if p in organisations else 0,
            p,
        ),
    ):
        organisation = organisations.get(path)
        label = organisation.display_name if organisation else path
        if path == under_path and under is not None:
            label = _("%(name)s (own records)") % {"name": under.display_name}
        rows.append(
            StatRow(
                organisation=organisation,
                label=label,
                counts=dict(buckets[path]),
                drillable=path != under_path,
            )
        )
    total = StatRow(organisation=under, label=_("Total"))
    for stat_row in rows:
        for key, n in stat_row.counts.items():
            total.counts[key] += n
    return Statistics(start=start, end=end, under=under, rows=rows, total=total)


def _programmes(user: Actor | AnonymousUser) -> Any:
    return Programme.objects.filter(permissions.programme_read_q(user)).values("pk")
