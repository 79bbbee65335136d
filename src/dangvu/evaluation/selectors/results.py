"""A round's results: the quota, the roll-up through the tree from the materialised
`GradeSummary` rows (a fixed number of queries whatever the size of the tree), and the figures
for the period report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from dangvu.core import policy
from dangvu.evaluation import grading
from dangvu.evaluation.enums import (
    GRADE_ORDER,
    INDIVIDUAL_KINDS,
    Grade,
    Stage,
    SubjectClass,
    subject_class,
)
from dangvu.evaluation.models import (
    Evaluation,
    GradeSummary,
    Round,
)
from dangvu.org.models import Organisation
from dangvu.reports.models import Contribution, Period

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

# --- the quota ------------------------------------------------------------------------------------


@dataclass
class QuotaLine:
    """One unit the quota counts in: a grassroots organisation, or a named group of members with
    comparable tasks (`Evaluation.quota_group`)."""

    grassroots: Organisation | None
    excellent: int
    good: int
    percent: int
    group: str = ""

    @property
    def name(self) -> str:
        if self.group:
            return self.group
        return self.grassroots.display_name if self.grassroots is not None else ""

    def covers(self, evaluation: Evaluation) -> bool:
        if evaluation.quota_group or self.group:
            return evaluation.quota_group == self.group
        return self.grassroots is not None and self.grassroots.pk == evaluation.grassroots_id

    @property
    def limit(self) -> int:
        return grading.quota_limit(self.excellent + self.good, self.percent)

    @property
    def breaks(self) -> bool:
        return grading.breaks_quota(self.excellent, self.good, self.percent)


def quota_status(round_: Round) -> list[QuotaLine]:
    """Per grassroots organisation (or quota group): members excellent and good by the decision
    where made, by the proposal otherwise; `breaks` when they go over the quota. An excellent
    grade decided as an exception is outside the count. Two queries."""
    counts: dict[tuple[int | None, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Evaluation.objects.filter(round=round_, subject_kind__in=INDIVIDUAL_KINDS)
        .exclude(grassroots=None, quota_group="")
        .values(
            "grassroots_id", "quota_group", "stage", "grade", "proposed_grade", "quota_exception"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        grade = row["grade"] if row["stage"] == Stage.DECIDED else row["proposed_grade"]
        if row["quota_exception"]:
            continue  # an exception decided with a reason is outside the count
        group = row["quota_group"]
        key = (None, group) if group else (row["grassroots_id"], "")
        if grade:
            counts[key][grade] += row["n"]
    orgs = Organisation.objects.in_bulk([pk for pk, _group in counts if pk is not None])
    lines = [
        QuotaLine(
            grassroots=orgs.get(pk) if pk is not None else None,
            group=group,
            excellent=c[Grade.EXCELLENT],
            good=c[Grade.GOOD],
            percent=round_.quota_percent,
        )
        for (pk, group), c in counts.items()
    ]
    return sorted(lines, key=lambda line: (bool(line.group), line.name))


# --- results: roll-up through the tree --------------------------------------------------------


@dataclass
class GradeCounts:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GRADE_ORDER, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, grade: str) -> Decimal:
        total = self.total
        if not total:
            return Decimal("0.0")
        return (Decimal(100) * self.counts[grade] / total).quantize(Decimal("0.1"))

    def cells(self) -> list[tuple[str, int, Decimal]]:
        return [(g, self.counts[g], self.share(g)) for g in GRADE_ORDER]


@dataclass
class RollUpRow:
    organisation: Organisation
    organisations: GradeCounts
    members: GradeCounts
    is_total: bool = False


@dataclass
class RollUp:
    round: Round
    under: Organisation
    total: RollUpRow
    children: list[RollUpRow]
    previous: Round | None = None
    previous_total: RollUpRow | None = None


def previous_round(round_: Round) -> Round | None:
    """The committee's last round of the same kind before this one."""
    return (
        Round.objects.filter(
            committee=round_.committee, kind=round_.kind, ends_on__lt=round_.starts_on
        )
        .order_by("-ends_on")
        .first()
    )


def _summary_rows(round_id: int, org_ids_or_parent: Q) -> dict[int, RollUpRowCounts]:
    rows: dict[int, RollUpRowCounts] = defaultdict(RollUpRowCounts)
    for org_id, kind, grade, total in (
        GradeSummary.objects.filter(org_ids_or_parent, round_id=round_id)
        .values_list("organisation_id", "subject_kind", "grade", "total")
        .order_by()
    ):
        target = rows[org_id]
        bucket = (
            target.organisations
            if subject_class(kind) == SubjectClass.ORGANISATION
            else target.members
        )
        bucket.counts[grade] += total
    return rows


@dataclass
class RollUpRowCounts:
    organisations: GradeCounts = field(default_factory=GradeCounts)
    members: GradeCounts = field(default_factory=GradeCounts)


def rollup(round_: Round, under: Organisation | None = None) -> RollUp:
    """Counts and shares per grade for organisations and members: `under` (default the round's
    committee) as a whole and each organisation directly under it on the round's day, with the
    previous round's whole for comparison. Four queries, whatever the size of the tree."""
    under = under or round_.committee
    rows = _summary_rows(round_.pk, Q(organisation_id=under.pk) | Q(parent_id_snapshot=under.pk))
    child_ids = [pk for pk in rows if pk != under.pk]
    orgs = Organisation.objects.in_bulk(child_ids) if child_ids else {}
    own = rows.get(under.pk, RollUpRowCounts())
    children = [
        RollUpRow(
            organisation=orgs[pk], organisations=rows[pk].organisations, members=rows[pk].members
        )
        for pk in sorted(child_ids, key=lambda pk: (orgs[pk].sort_order, orgs[pk].name))
    ]
    result = RollUp(
        round=round_,
        under=under,
        total=RollUpRow(
            organisation=under, organisations=own.organisations, members=own.members, is_total=True
        ),
        children=children,
    )
    previous = previous_round(round_)
    if previous is not None:
        prev = _summary_rows(previous.pk, Q(organisation_id=under.pk)).get(
            under.pk, RollUpRowCounts()
        )
        result.previous = previous
        result.previous_total = RollUpRow(
            organisation=under,
            organisations=prev.organisations,
            members=prev.members,
            is_total=True,
        )
    return result


def progress(round_: Round) -> dict[str, int]:
    """How many subjects stand at each stage (one query)."""
    counts = dict.fromkeys(Stage.values, 0)
    for stage, n in (
        Evaluation.objects.filter(round=round_)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[stage] = n
    return counts


# --- figures for the period report --------------------------------------------------------------

# The year-end report's indicators this round fills ("name | unit", the reports outline format).
REPORT_INDICATORS = [
    (
        "Tổ chức đảng hoàn thành xuất sắc nhiệm vụ",
        "tổ chức",
        SubjectClass.ORGANISATION,
        Grade.EXCELLENT,
    ),
    ("Tổ chức đảng hoàn thành tốt nhiệm vụ", "tổ chức", SubjectClass.ORGANISATION, Grade.GOOD),
    ("Tổ chức đảng hoàn thành nhiệm vụ", "tổ chức", SubjectClass.ORGANISATION, Grade.COMPLETE),
    ("Tổ chức đảng không hoàn thành nhiệm vụ", "tổ chức", SubjectClass.ORGANISATION, Grade.FAILED),
    ("Đảng viên hoàn thành xuất sắc nhiệm vụ", "đồng chí", SubjectClass.MEMBER, Grade.EXCELLENT),
    ("Đảng viên hoàn thành tốt nhiệm vụ", "đồng chí", SubjectClass.MEMBER, Grade.GOOD),
    ("Đảng viên hoàn thành nhiệm vụ", "đồng chí", SubjectClass.MEMBER, Grade.COMPLETE),
    ("Đảng viên không hoàn thành nhiệm vụ", "đồng chí", SubjectClass.MEMBER, Grade.FAILED),
]


def report_indicators_text() -> str:
    """The lines to add to a period's indicators so that `report_figures` can fill them."""
    return "".join(f"{name} | {unit}\n" for name, unit, _class, _grade in REPORT_INDICATORS)


def report_figures(round_: Round) -> dict[str, int]:
    """The round's decided counts under its committee, by the report's indicator names: what the
    year-end report's "đánh giá, phân loại" figures are (see `services.round_fill_report`)."""
    whole = rollup(round_).total
    return {
        name: (whole.organisations if cls == SubjectClass.ORGANISATION else whole.members).counts[
            grade
        ]
        for name, _unit, cls, grade in REPORT_INDICATORS
    }


def report_periods(user: Actor | AnonymousUser, round_: Round) -> QuerySet[Period]:
    """The committee's period reports the user may fill from the round (the latest first): those
    whose contribution from the advising body (or the committee) the user may write now."""
    from dangvu.reports.permissions import may_edit

    if not policy.allowed(user, "round.fill_report", round_):
        return Period.objects.none()
    unit_id = round_.advising_body_id or round_.committee_id
    contributions = Contribution.objects.filter(
        period__committee_id=round_.committee_id, unit_id=unit_id
    ).select_related("period__committee", "unit")
    ids = [c.period_id for c in contributions if may_edit(user, c)]
    return Period.objects.filter(pk__in=ids).order_by("-year", "-pk")


def can_read_results(user: Actor | AnonymousUser, round_: Round) -> bool:
    return policy.allowed(user, "round.results", round_)
