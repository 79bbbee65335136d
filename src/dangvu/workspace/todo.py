"""Việc cần làm: what each user has to do next, by role, from the apps' scoped selectors.

Each list is already scoped to what the user may see (the apps' `*_visible_to` selectors) and then
narrowed to what the user's roles ask of them:
- a unit's reporter writes its contributions and reports progress on its tasks;
- a unit's head also submits the contributions sent to them and proposes completions;
- the office accepts contributions, answers comments on drafts, accepts completions and prepares
  conferences; it also sees the overdue tasks of its committees;
- a leader (and a head of an accepting authority) accepts completions and sees upcoming conferences;
- a conference's delegate (or its chair) sees the conferences entrusted to them.
Every list is a bounded query (`LIMIT`), its total counted apart, so the page costs the same for a
ward and for a city.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.assignments import selectors as task_selectors
from dangvu.assignments.models import Task
from dangvu.core.dates import today
from dangvu.meetings import selectors as meeting_selectors
from dangvu.meetings.models import Conference
from dangvu.org.enums import ORG_MANAGER_ROLES, Role
from dangvu.org.roles import AUTHORITY_ROLES, UNIT_ROLES
from dangvu.org.scope import Scope
from dangvu.reports import selectors as report_selectors
from dangvu.reports.enums import EDITABLE_STATUSES, CommentStatus, ContributionStatus
from dangvu.reports.models import Comment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

SHOWN = 8  # items listed per group; the rest are counted and linked


@dataclass(frozen=True)
class TodoItem:
    title: str
    detail: str
    url: str
    due: dt.date | None = None
    overdue: bool = False


@dataclass
class TodoGroup:
    key: str
    title: Any
    items: list[TodoItem] = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


def _group(key: str, title: Any, qs: QuerySet[Any], item: Any, more_url: str = "") -> TodoGroup:
    rows = list(qs[: SHOWN + 1])
    total = len(rows) if len(rows) <= SHOWN else qs.count()
    return TodoGroup(
        key=key, title=title, items=[item(r) for r in rows[:SHOWN]], total=total, more_url=more_url
    )


def _contribution_item(day: dt.date) -> Any:
    def item(c: Any) -> TodoItem:
        return TodoItem(
            title=str(c.period.title),
            detail=str(c.unit.display_name),
            url=reverse("reports:contribution", args=[c.pk]),
            due=c.period.due_on,
            overdue=c.period.due_on < day,
        )

    return item


def _task_item(day: dt.date) -> Any:
    def item(t: Task) -> TodoItem:
        lead = t.lead_unit.display_name if t.lead_unit else ""
        return TodoItem(
            title=t.content[:200],
            detail=str(lead),
            url=reverse("assignments:detail", args=[t.pk]),
            due=t.deadline,
            overdue=bool(t.deadline and t.deadline < day),
        )

    return item


def _open_tasks(user: Actor | AnonymousUser) -> QuerySet[Task]:
    return (
        task_selectors.tasks_visible_to(user)
        .filter(
            published_at__isnull=False,
            completed_on__isnull=True,
            suspended_on__isnull=True,
        )
        .select_related("lead_unit")
        .order_by("deadline", "id")
    )


def todo_for(user: Actor | AnonymousUser) -> list[TodoGroup]:
    """The groups of things to do for `user`, in the order the page shows them; empty groups are
    left out."""
    if not user.is_authenticated:
        return []
    scope = Scope.of(user)
    day = today()
    groups: list[TodoGroup] = []
    contributions = report_selectors.contributions_visible_to(user).filter(
        period__issued__isnull=True
    )
    contribution_item = _contribution_item(day)
    task_item = _task_item(day)

    if scope.has_any(UNIT_ROLES) and not scope.is_superuser:
        groups.append(
            _group(
                "contributions_to_write",
                _("Reports to write"),
                contributions.filter(scope.q("unit", UNIT_ROLES), status__in=EDITABLE_STATUSES)
                .select_related("period", "unit")
                .order_by("period__due_on", "id"),
                contribution_item,
            )
        )
    if scope.has_any({Role.HEAD}) and not scope.is_superuser:
        groups.append(
            _group(
                "contributions_to_submit",
                _("Reports waiting for your approval"),
                contributions.filter(scope.q("unit", {Role.HEAD}), status=ContributionStatus.READY)
                .select_related("period", "unit")
                .order_by("period__due_on", "id"),
                contribution_item,
            )
        )
    if scope.has_any(ORG_MANAGER_ROLES):
        groups.append(
            _group(
                "contributions_to_accept",
                _("Reports submitted, to accept or return"),
                contributions.filter(
                    scope.q("period__committee", ORG_MANAGER_ROLES),
                    status=ContributionStatus.SUBMITTED,
                )
                .select_related("period", "unit")
                .order_by("submitted_at", "id"),
                contribution_item,
            )
        )
        groups.append(
            _group(
                "comments_to_answer",
                _("Comments on drafts to answer"),
                Comment.objects.filter(
                    scope.q("version__period__committee", ORG_MANAGER_ROLES),
                    status=CommentStatus.OPEN,
                    version__period__issued__isnull=True,
                )
                .select_related("version__period", "author_unit")
                .order_by("id"),
                lambda c: TodoItem(
                    title=str(c.version.period.title),
                    detail=(c.author_name or (c.author_unit.display_name if c.author_unit else ""))
                    + ": "
                    + c.text[:160],
                    url=reverse("reports:draft", args=[c.version.period_id]),
                ),
            )
        )
    accept = _open_tasks(user).filter(completion_proposed_on__isnull=False)
    deciders = scope.q("committee", ORG_MANAGER_ROLES) | scope.q("authority", AUTHORITY_ROLES)
    if scope.has_any(ORG_MANAGER_ROLES | AUTHORITY_ROLES):
        groups.append(
            _group(
                "tasks_to_accept",
                _("Completions proposed, to accept or return"),
                accept.filter(deciders),
                task_item,
            )
        )
    if scope.has_any(UNIT_ROLES) and not scope.is_superuser:
        units = scope.q("lead_unit", UNIT_ROLES) | Q(
            pk__in=Task.coordinating_units.through.objects.filter(
                scope.q("organisation", UNIT_ROLES)
            ).values("task_id")
        )
        groups.append(
            _group(
                "tasks_to_report",
                _("Tasks to report progress on"),
                _open_tasks(user).filter(units, completion_proposed_on__isnull=True),
                task_item,
                more_url=reverse("assignments:list"),
            )
        )
    if scope.has_any(ORG_MANAGER_ROLES):
        groups.append(
            _group(
                "tasks_overdue",
                _("Overdue tasks of your committees"),
                _open_tasks(user).filter(scope.q("committee", ORG_MANAGER_ROLES), deadline__lt=day),
                task_item,
                more_url=reverse("assignments:list") + "?status=overdue",
            )
        )
    # Conferences to prepare: all those the office or a leader sees; for anyone else, those
    # the chair entrusted to them as delegate (who edits the record as the office does) or
    # that they chair.
    soon = timezone.now() + dt.timedelta(days=30)
    conferences = meeting_selectors.upcoming_conferences(user).filter(starts_at__lte=soon)
    if not scope.has_any(ORG_MANAGER_ROLES | {Role.LEADER}):
        entrusted = Conference.objects.filter(Q(delegates=user) | Q(chair__user=user))
        conferences = conferences.filter(pk__in=entrusted.values("pk"))
    groups.append(
        _group(
            "conferences",
            _("Conferences to prepare"),
            conferences,
            lambda c: TodoItem(
                title=str(c.title),
                detail=timezone.localtime(c.starts_at).strftime("%H:%M %d/%m/%Y"),
                url=reverse("meetings:detail", args=[c.pk]),
                due=timezone.localtime(c.starts_at).date(),
            ),
        )
    )
    return [g for g in groups if g.total]
