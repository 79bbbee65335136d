"""Reads of rounds and evaluations (with their score lines and the task-result part from
Dangvu's own follow-up), scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.status import status_annotation
from dangvu.core import policy
from dangvu.evaluation.enums import (
    CriterionPart,
    SubjectKind,
)
from dangvu.evaluation.models import (
    Evaluation,
    Round,
)
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

# --- rounds and evaluations --------------------------------------------------------------------


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def rounds_visible_to(user: Actor | AnonymousUser) -> QuerySet[Round]:
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


def get_round_for_user(user: Actor | AnonymousUser, pk: int) -> Round:
    round_ = (
        Round.objects.select_related("committee", "advising_body", "decision_number__issuer")
        .filter(pk=pk)
        .first()
    )
    if round_ is None or not policy.allowed(user, "round.read", round_):
        raise Http404(_("No such evaluation round."))
    return round_


def evaluations_visible_to(user: Actor | AnonymousUser, round_: Round) -> QuerySet[Evaluation]:
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


def get_evaluation_for_user(user: Actor | AnonymousUser, pk: int) -> Evaluation:
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
