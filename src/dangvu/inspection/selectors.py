"""Reads of inspection records, scoped to what the user may see; one access helper per fetched
object raises 404. Discipline records are read only through `get_discipline_for_user` and
`discipline_list`, which log every read (an audit entry per record shown)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dangvu.assignments.enums import Status
from dangvu.assignments.status import task_status
from dangvu.core import audit, policy
from dangvu.core.dates import today
from dangvu.core.models import AuditEntry
from dangvu.inspection import permissions
from dangvu.inspection.enums import STATE_ORDER, InspectionState, Step
from dangvu.inspection.models import (
    Attachment,
    DisciplineRecord,
    Inspection,
    PlannedItem,
    Programme,
    Recommendation,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

# --- programmes ---------------------------------------------------------------------------------


def programmes_visible_to(user: Actor | AnonymousUser) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(permissions.programme_read_q(user))
        .select_related("committee", "issuer")
        .annotate(item_count=Count("items"))
        .order_by("-year_from", "kind", "pk")
    )


def get_programme_for_user(user: Actor | AnonymousUser, pk: object) -> Programme:
    try:
        return programmes_visible_to(user).get(pk=int(str(pk)))
    except (Programme.DoesNotExist, ValueError) as error:
        raise Http404(_("No such programme.")) from error


@dataclass
class PlanRow:
    item: PlannedItem
    inspection: Inspection | None
    progress: str  # "not_started" | "under_way" | "done"
    late: bool  # planned month passed without a decision


@dataclass
class PlanProgress:
    rows: list[PlanRow] = field(default_factory=list)
    planned: int = 0
    started: int = 0
    done: int = 0
    late: int = 0

    @property
    def percent_done(self) -> float:
        return round(100 * self.done / self.planned, 1) if self.planned else 0.0


def plan_progress(programme: Programme, on: dt.date | None = None) -> PlanProgress:
    """Each planned item with the inspection carried out for it (the latest), in two queries:
    not started, under way (decided), done (concluded); late when its month has passed without
    a decision."""
    day = on or today()
    carried_out = Inspection.objects.select_related("decision_number__issuer").order_by(
        "-decided_on", "-pk"
    )
    items = programme.items.select_related("subject_organisation", "carries_out").prefetch_related(
        Prefetch("inspections", queryset=carried_out, to_attr="done_as"),
        Prefetch(
            "carried_out_by",
            queryset=PlannedItem.objects.prefetch_related(
                Prefetch("inspections", queryset=carried_out, to_attr="done_as")
            ),
            to_attr="plan_items",
        ),
    )
    out = PlanProgress()
    for item in items:
        # A term programme's item is carried out by its own inspection or by that of a yearly
        # plan's item carrying it out: the latest of them.
        done_as = [*item.done_as, *(i for plan in item.plan_items for i in plan.done_as)]
        done_as.sort(key=lambda i: (i.decided_on, i.pk), reverse=True)
        inspection = done_as[0] if done_as else None
        if inspection is None:
            progress = "not_started"
        elif inspection.state == InspectionState.CONCLUDED:
            progress = "done"
        else:
            progress = "under_way"
        month_end = _month_end(item.planned_year, item.planned_month or 12)
        late = inspection is None and month_end < day
        out.rows.append(PlanRow(item=item, inspection=inspection, progress=progress, late=late))
        out.planned += 1
        out.started += progress != "not_started"
        out.done += progress == "done"
        out.late += late
    return out


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def planned_items_for(user: Actor | AnonymousUser) -> QuerySet[PlannedItem]:
    """Planned items the user may start an inspection from (not yet carried out)."""
    return (
        PlannedItem.objects.filter(
            programme__in=Programme.objects.filter(permissions.manage_q(user))
        )
        .filter(inspections__isnull=True)
        .exclude(carried_out_by__inspections__isnull=False)
        .select_related("programme", "subject_organisation")
    )


# --- inspections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionFilters:
    kind: str = ""
    state: str = ""
    year: int | None = None


def inspections_visible_to(
    user: Actor | AnonymousUser, filters: InspectionFilters | None = None
) -> QuerySet[Inspection]:
    ids = Inspection.objects.filter(permissions.read_q(user)).values("pk")
    qs = Inspection.objects.filter(pk__in=ids)
    if filters is not None:
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        if filters.state:
            qs = qs.filter(state=filters.state)
        if filters.year:
            qs = qs.filter(decided_on__year=filters.year)
    return qs.select_related(
        "committee", "issuer", "decision_number__issuer", "conclusion_number__issuer"
    ).prefetch_related("subjects__organisation")


def get_inspection_for_user(user: Actor | AnonymousUser, pk: object) -> Inspection:
    try:
        return inspections_visible_to(user).get(pk=int(str(pk)))
    except (Inspection.DoesNotExist, ValueError) as error:
        raise Http404(_("No such inspection.")) from error


@dataclass(frozen=True)
class InspectionActions:
    """Which actions are open on the page for this user (built from the policy)."""

    manage: bool
    subject_report: bool
    team_report: bool
    conclude: bool
    follow: bool
    attach_steps: tuple[str, ...]


def inspection_actions(user: Actor | AnonymousUser, inspection: Inspection) -> InspectionActions:
    manage = policy.allowed(user, "inspection.manage", inspection)
    subject = policy.allowed(user, "inspection.subject_report", inspection)
    state = inspection.state
    reached = STATE_ORDER[: STATE_ORDER.index(InspectionState(state)) + 1]
    steps = tuple(
        step
        for step in Step.values
        if step in reached and (manage or (subject and step == Step.SUBJECT_REPORT))
    )
    return InspectionActions(
        manage=manage,
        subject_report=subject and state == InspectionState.DECIDED,
        team_report=manage and state == InspectionState.SUBJECT_REPORTED,
        conclude=manage and state == InspectionState.TEAM_REPORTED,
        follow=manage
        and state == InspectionState.CONCLUDED
        and inspection.recommendations.filter(task__isnull=True).exists(),
        attach_steps=steps,
    )


@dataclass
class StepLine:
    label: str
    due: dt.date | None
    done_on: dt.date | None
    late: bool
    attachments: list[Attachment]


def step_lines(inspection: Inspection, on: dt.date | None = None) -> list[StepLine]:
    """The four steps with their deadline, the day done and whether they were (or are) late."""
    day = on or today()
    files: dict[str, list[Attachment]] = {}
    for attachment in inspection.attachments.all():
        files.setdefault(attachment.step, []).append(attachment)
    rows = [
        (_("Decision"), None, inspection.decided_on, Step.DECISION),
        (
            _("Subject's report"),
            inspection.subject_report_due,
            inspection.subject_reported_on,
            Step.SUBJECT_REPORT,
        ),
        (
            _("Team's report"),
            inspection.team_report_due,
            inspection.team_reported_on,
            Step.TEAM_REPORT,
        ),
        (
            pgettext("inspection", "Conclusion"),
            inspection.conclusion_due,
            inspection.concluded_on,
            Step.CONCLUSION,
        ),
    ]
    out = []
    for label, due, done_on, step in rows:
        late = due is not None and ((done_on or day) > due)
        out.append(StepLine(str(label), due, done_on, late, files.get(step, [])))
    return out


def get_attachment_for_user(user: Actor | AnonymousUser, pk: object) -> Attachment:
    try:
        attachment = Attachment.objects.select_related("inspection").get(pk=int(str(pk)))
    except (Attachment.DoesNotExist, ValueError) as error:
        raise Http404(_("No such document.")) from error
    get_inspection_for_user(user, attachment.inspection_id)
    return attachment


# --- recommendations followed as tasks ----------------------------------------------------------


@dataclass
class RecommendationLine:
    recommendation: Recommendation
    status: Status | None  # None: not yet a task

    @property
    def on_time(self) -> bool:
        return self.status == Status.DONE_ON_TIME


def recommendation_lines(
    recommendations: QuerySet[Recommendation], on: dt.date | None = None
) -> list[RecommendationLine]:
    day = on or today()
    rows = recommendations.select_related("task", "lead_unit", "authority", "inspection")
    return [
        RecommendationLine(r, task_status(r.task, day) if r.task is not None else None)
        for r in rows
    ]


def recommendations_visible_to(user: Actor | AnonymousUser) -> QuerySet[Recommendation]:
    ids = Inspection.objects.filter(permissions.read_q(user)).values("pk")
    return Recommendation.objects.filter(inspection__in=ids).order_by(
        "-inspection__concluded_on", "inspection", "position"
    )


# --- discipline: every read logged --------------------------------------------------------------


def _log_reads(user: Actor | AnonymousUser, records: list[DisciplineRecord], action: str) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=policy.audit_actor(user),
            action=action,
            object_type=DisciplineRecord._meta.label_lower,
            object_id=str(record.pk),
            object_repr=str(record)[:300],
        )
        for record in records
    )


def discipline_queryset(user: Actor | AnonymousUser) -> QuerySet[DisciplineRecord]:
    return DisciplineRecord.objects.filter(permissions.discipline_read_q(user)).select_related(
        "deciding_body", "subject_organisation", "committee", "inspection"
    )


def discipline_list(user: Actor | AnonymousUser, *, limit: int = 200) -> list[DisciplineRecord]:
    """The records the user may read (the deciding level and the level concerned, never a
    reporter); each record shown is logged as read."""
    records = list(discipline_queryset(user).prefetch_related("complaints")[:limit])
    _log_reads(user, records, "discipline.list_read")
    return records


def get_discipline_for_user(user: Actor | AnonymousUser, pk: object) -> DisciplineRecord:
    """One record, 404 when the user may not read it (its existence is private); the read is
    logged."""
    try:
        record = (
            discipline_queryset(user)
            .prefetch_related("complaints__considered_by")
            .get(pk=int(str(pk)))
        )
    except (DisciplineRecord.DoesNotExist, ValueError) as error:
        raise Http404(_("No such record.")) from error
    _log_reads(user, [record], "discipline.read")
    return record


def discipline_count_after(user: Actor | AnonymousUser, inspection: Inspection) -> int:
    """How many discipline decisions that followed `inspection` the user may read: a reader of
    the inspection who may not read a record does not learn that it exists. A count is not a
    read of a record (nothing of it is shown), so it is not logged."""
    return discipline_queryset(user).filter(inspection=inspection).count()


def discipline_reads(record: DisciplineRecord) -> QuerySet[AuditEntry]:
    return audit.entries_for(record).filter(action__in=["discipline.read", "discipline.list_read"])


def inspection_choices_for_discipline(user: Actor | AnonymousUser) -> QuerySet[Inspection]:
    return Inspection.objects.filter(
        permissions.manage_q(user), state=InspectionState.CONCLUDED
    ).order_by("-concluded_on")
