"""Reads of the evaluation app, scoped to what the user may see.

The roll-up reads the materialised `GradeSummary` rows of one organisation and its children (as
they were on the round's day): a fixed number of queries whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.status import status_annotation
from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.evaluation import grading
from dangvu.evaluation.enums import (
    GRADE_ORDER,
    INDIVIDUAL_KINDS,
    CriterionPart,
    Grade,
    Stage,
    SubjectClass,
    SubjectKind,
    subject_class,
)
from dangvu.evaluation.models import (
    Evaluation,
    GradeSummary,
    MemberPlacement,
    PartyMember,
    Round,
)
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

# --- the register -------------------------------------------------------------------------------


def _placed_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def members_visible_to(user: Any, *, on: dt.date | None = None) -> QuerySet[PartyMember]:
    """Members placed on `on` (default today) in an organisation the user holds a role at or
    under; a member always sees their own record."""
    day = on or today()
    scope = Scope.of(user)
    if not scope.is_authenticated:
        return PartyMember.objects.none()
    placements = MemberPlacement.objects.filter(_placed_on(day), member=OuterRef("pk")).filter(
        scope.q("organisation")
    )
    own = Q(user=user) if getattr(user, "pk", None) else Q(pk__in=[])
    return PartyMember.objects.filter(Exists(placements) | own)


@dataclass
class MemberRow:
    member: PartyMember
    cell: Organisation | None


def member_rows(user: Any, *, on: dt.date | None = None, query: str = "") -> list[MemberRow]:
    """The register as a list: each member with their cell on the day (two queries)."""
    day = on or today()
    members = members_visible_to(user, on=day)
    if query:
        members = members.filter(Q(full_name__icontains=query) | Q(code__iexact=query))
    members_list = list(members.order_by("full_name", "code")[:500])
    cells = {
        p.member_id: p.organisation
        for p in MemberPlacement.objects.filter(
            _placed_on(day), member__in=members_list
        ).select_related("organisation")
    }
    return [MemberRow(member=m, cell=cells.get(m.pk)) for m in members_list]


def get_member_for_user(user: Any, pk: int) -> PartyMember:
    member = PartyMember.objects.filter(pk=pk).prefetch_related("placements__organisation").first()
    if member is None or not policy.allowed(user, "member.read", member):
        raise Http404(_("No such member."))
    return member


# --- rounds and evaluations --------------------------------------------------------------------


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Rounds of committees the user holds a role at, above or under; and rounds the user's
    own member record is evaluated in."""
    scope = Scope.of(user)
    if not scope.is_authenticated:
        return Round.objects.none()
    if scope.is_superuser:
        condition = Q()
    else:
        above = {prefix for path in scope.paths() for prefix in _prefixes(path)}
        condition = scope.q("committee") | Q(committee__path__in=above)
        if getattr(user, "pk", None):
            condition |= Q(evaluations__member__user=user)
    return (
        Round.objects.filter(condition)
        .distinct()
        .select_related("committee", "advising_body", "decision_number__issuer")
    )


def get_round_for_user(user: Any, pk: int) -> Round:
    round_ = (
        Round.objects.select_related("committee", "advising_body", "decision_number__issuer")
        .filter(pk=pk)
        .first()
    )
    if round_ is None or not policy.allowed(user, "round.read", round_):
        raise Http404(_("No such evaluation round."))
    return round_


def evaluations_visible_to(user: Any, round_: Round) -> QuerySet[Evaluation]:
    """All of the round's evaluations for its committee's office and leaders and the advising
    body; otherwise those of the organisations the user holds a role at or above, and the
    user's own."""
    qs = Evaluation.objects.filter(round=round_).select_related(
        "organisation", "member", "grassroots", "criteria_set"
    )
    scope = Scope.of(user)
    if policy.allowed(user, "round.results", round_):
        return qs
    own = Q(member__user=user) if getattr(user, "pk", None) else Q(pk__in=[])
    return qs.filter(scope.q("organisation") | own)


def get_evaluation_for_user(user: Any, pk: int) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related(
            "round__committee",
            "round__advising_body",
            "organisation",
            "member",
            "grassroots",
            "criteria_set",
            "decided_level",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None or not policy.allowed(user, "evaluation.read", evaluation):
        raise Http404(_("No such evaluation."))
    return evaluation


@dataclass
class ScoreLine:
    criterion: Any
    self_score: Decimal | None
    appraised_score: Decimal | None
    note: str
    evidence: str


def score_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Every criterion of the subject's set with what has been scored (two queries)."""
    scores = {s.criterion_id: s for s in evaluation.scores.all()}
    lines = []
    for criterion in evaluation.criteria_set.criteria.all():
        score = scores.get(criterion.pk)
        lines.append(
            ScoreLine(
                criterion=criterion,
                self_score=score.self_score if score else None,
                appraised_score=score.appraised_score if score else None,
                note=score.note if score else "",
                evidence=score.evidence if score else "",
            )
        )
    return lines


# --- the task-result part from Dangvu's own follow-up -------------------------------------------


@dataclass
class TaskResults:
    total: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    results_max: Decimal = Decimal(70)

    @property
    def judged(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def proposed_points(self) -> Decimal | None:
        """The results part in proportion: a task done on time counts whole, late half, overdue
        nothing. None without a task to judge."""
        if not self.judged:
            return None
        share = (Decimal(self.on_time) + Decimal(self.late) / 2) / Decimal(self.judged)
        return (self.results_max * share).quantize(Decimal("0.01"))

    @property
    def all_on_time(self) -> bool:
        return self.judged > 0 and self.on_time == self.judged


def task_results(evaluation: Evaluation) -> TaskResults | None:
    """For a collective: the published top-level tasks its unit (or a unit under it) led with a
    deadline in the round's period, by status on the round's last day (assignments' own rule).
    One query. None for a member (tasks are given to units)."""
    if evaluation.subject_kind != SubjectKind.COLLECTIVE:
        return None
    round_ = evaluation.round
    rows = (
        Task.objects.filter(
            lead_unit__path__startswith=evaluation.organisation.path,
            parent__isnull=True,
            published_at__isnull=False,
            deadline__gte=round_.starts_on,
            deadline__lte=round_.ends_on,
        )
        .annotate(status=status_annotation(round_.ends_on))
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    results_max = sum(
        (
            c.max_score
            for c in evaluation.criteria_set.criteria.all()
            if c.part == CriterionPart.RESULTS
        ),
        Decimal(0),
    )
    out = TaskResults(results_max=results_max)
    for row in rows:
        n = row["n"]
        out.total += n
        if row["status"] == Status.DONE_ON_TIME:
            out.on_time += n
        elif row["status"] == Status.DONE_LATE:
            out.late += n
        elif row["status"] == Status.OVERDUE:
            out.overdue += n
        elif row["status"] != Status.SUSPENDED:
            out.open += n
    return out


# --- the quota ------------------------------------------------------------------------------------


@dataclass
class QuotaLine:
    grassroots: Organisation
    excellent: int
    good: int
    percent: int

    @property
    def limit(self) -> int:
        return grading.quota_limit(self.excellent + self.good, self.percent)

    @property
    def breaks(self) -> bool:
        return grading.breaks_quota(self.excellent, self.good, self.percent)


def quota_status(round_: Round) -> list[QuotaLine]:
    """Per grassroots organisation: members excellent and good by the decision where made, by
    the proposal otherwise; `breaks` when the proposals go over the quota. One query."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Evaluation.objects.filter(round=round_, subject_kind__in=INDIVIDUAL_KINDS)
        .exclude(grassroots=None)
        .values("grassroots_id", "stage", "grade", "proposed_grade", "quota_exception")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        grade = row["grade"] if row["stage"] == Stage.DECIDED else row["proposed_grade"]
        if row["quota_exception"]:
            continue  # an exception decided with a reason is outside the count
        if grade:
            counts[row["grassroots_id"]][grade] += row["n"]
    orgs = Organisation.objects.in_bulk(list(counts))
    return [
        QuotaLine(
            grassroots=orgs[pk],
            excellent=c[Grade.EXCELLENT],
            good=c[Grade.GOOD],
            percent=round_.quota_percent,
        )
        for pk, c in sorted(counts.items(), key=lambda item: orgs[item[0]].name)
    ]


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
            return Decimal(0)
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


def can_read_results(user: Any, round_: Round) -> bool:
    return policy.allowed(user, "round.results", round_)
