"""Tasks (nhiệm vụ) given by a committee's conclusions, documents and plans.

A task keeps the wording of its source (`original_text`, `lead_text`, `deadline_text`) beside the
fields the office completes, so that what the leader said and what the office made of it can be
compared. `issued_on` is the day the task was given (the meeting or document date): the units and
the deadline are checked against that day, so that tasks of 2020 can be recorded in 2026.

A task has no status field: its status is derived from `deadline`, `completed_on` and
`suspended_on` as of a day (`status.py`), in Python and as a database annotation. The history
behind those dates is kept in `DeadlineChange`, `CompletionStep` and `ProgressReport` rows.

About 400 lines on purpose (issue 18): a task and the rows that keep its history (deadline
changes, completion steps, progress reports, evidence, lead-unit changes) and the two counting
tables are one aggregate whose constraints read together.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.assignments.enums import CompletionStepKind, Priority, SourceKind
from dangvu.core.models import TimeStampedModel
from dangvu.org.models import Organisation


class Task(TimeStampedModel):
    content = models.TextField(_("content"))
    source_kind = models.CharField(
        _("source"), max_length=20, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=300,
        blank=True,
        help_text=_('e.g. "Conclusion of the conference of 11/9/2020, item 1".'),
    )
    original_text = models.TextField(_("wording in the source"), blank=True)
    issued_on = models.DateField(_("given on"))
    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="committee_tasks",
    )
    lead_unit = models.ForeignKey(
        Organisation,
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    lead_text = models.CharField(_("lead as written"), max_length=300, blank=True)
    coordinating_units = models.ManyToManyField(
        Organisation,
        verbose_name=_("coordinating units"),
        blank=True,
        related_name="coordinated_tasks",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=200, blank=True)
    deliverable = models.CharField(_("product"), max_length=300, blank=True)
    authority = models.ForeignKey(
        Organisation,
        verbose_name=_("accepting authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accepted_tasks",
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    six_clear_waiver = models.TextField(_("reason for publishing with gaps"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followers"),
        blank=True,
        related_name="followed_tasks",
    )
    # A lead unit may split its task among its own units; progress rolls up by weight.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subtasks",
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    completion_proposed_on = models.DateField(_("completion proposed on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["-issued_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(content=""), name="task_content_not_empty"),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=F("issued_on")),
                name="task_deadline_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(source_kind__in=SourceKind.values), name="task_source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__in=Priority.values), name="task_priority_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_percent"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="task_weight_positive"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("issued_on")),
                name="task_completed_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(suspended_on__isnull=True) | Q(suspended_on__gte=F("issued_on")),
                name="task_suspended_after_issue",
            ),
        ]
        # The status rule reads deadline, completed_on and suspended_on; lists and statistics
        # filter by committee and lead unit. At 100,000 tasks these keep them index scans:
        # - open tasks by deadline (`completed_on IS NULL AND deadline < ...`: overdue, due soon);
        # - the statistics read every column they count from one index, never the wide rows
        #   (SQLite and PostgreSQL both scan it alone: "covering", "index-only");
        # - the list's order, so that a page of the whole list reads 25 rows, not 100,000.
        indexes = [
            models.Index(fields=["-issued_on", "id"], name="task_list_order"),
            models.Index(
                fields=[
                    "committee",
                    "issued_on",
                    "parent",
                    "published_at",
                    "lead_unit",
                    "deadline",
                    "completed_on",
                    "suspended_on",
                    "source_kind",
                ],
                name="task_statistics_covering",
            ),
            models.Index(fields=["committee", "deadline"]),
            models.Index(fields=["lead_unit", "deadline"]),
            models.Index(fields=["deadline"]),
            models.Index(fields=["completed_on", "deadline"], name="task_open_by_deadline"),
            # the few tasks published with a 6-rõ gap waived, which the statistics count apart
            models.Index(
                fields=["committee", "lead_unit", "deadline"],
                condition=Q(six_clear_waiver__gt=""),
                name="task_waived",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def code(self) -> str:
        """The task's code as users see and type it (mã nhiệm vụ): "NV-12"."""
        return task_code(self.pk)


TASK_CODE_PREFIX = "NV-"


def task_code(pk: int | None) -> str:
    return f"{TASK_CODE_PREFIX}{pk}" if pk else ""


def parse_task_code(text: str) -> int | None:
    """The task id in "NV-12", "nv 12", "NV12" or "12"; None when it is none of these."""
    value = "".join(str(text).split()).upper()
    if value.startswith(TASK_CODE_PREFIX.rstrip("-")):
        value = value[len(TASK_CODE_PREFIX.rstrip("-")) :].lstrip("-")
    return int(value) if value.isdigit() and len(value) <= 18 else None


class DeadlineChange(models.Model):
    """A change of a task's deadline: the old deadline stays here, with why and who approved."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadline_changes")
    old_deadline = models.DateField(_("old deadline"), null=True, blank=True)
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        help_text=_('Who allowed the change, e.g. "Thường trực Quận ủy".'),
    )
    changed_on = models.DateField(_("changed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")
        ordering = ["changed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="deadline_change_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.old_deadline} → {self.new_deadline}"


class CompletionStep(models.Model):
    """One step of completing a task: proposed by the lead unit, accepted or returned."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="completion_steps")
    kind = models.CharField(_("step"), max_length=10, choices=CompletionStepKind.choices)
    day = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("completion step")
        verbose_name_plural = _("completion steps")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CompletionStepKind.values), name="completion_step_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day}"


class ProgressReport(models.Model):
    """What a lead or coordinating unit reports on a task: done, difficulties, next, %."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_reports")
    unit = models.ForeignKey(
        Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    reported_on = models.DateField(_("date"))
    done = models.TextField(_("what was done"))
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    # do Văn phòng cập nhật thay: the committee's office recorded it for the unit (`created_by`
    # says who); the unit's own reporters and heads leave it False
    on_behalf = models.BooleanField(_("recorded by the office on the unit's behalf"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["reported_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent"),
            models.CheckConstraint(condition=~Q(done=""), name="progress_done_not_empty"),
        ]
        indexes = [models.Index(fields=["task", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.percent}%"


class Evidence(models.Model):
    """A file attached to a progress report (its type checked by content, its size limited)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ClosedTasksByUnit(models.Model):
    """How many published top-level tasks are closed — done on time, done late, suspended — by
    committee and lead unit (0: none). Kept by database triggers on the task table (see
    `closed_counts.py`), whatever writes it; the statistics read closed tasks here and count
    only the open ones live. A closed task's status no longer changes with the day (no
    completion or suspension is dated in the future), which is what makes it countable once."""

    committee_id = models.BigIntegerField()
    lead_unit_id = models.BigIntegerField()
    outcome = models.CharField(max_length=20)
    tasks = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee_id", "lead_unit_id", "outcome"], name="closed_by_unit_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_id}/{self.lead_unit_id} {self.outcome}: {self.tasks}"


class ClosedTasksByMonth(models.Model):
    """The same counts by committee and month of the deadline ("YYYY-MM", "" for none)."""

    committee_id = models.BigIntegerField()
    month = models.CharField(max_length=7)
    outcome = models.CharField(max_length=20)
    tasks = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee_id", "month", "outcome"], name="closed_by_month_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_id}/{self.month} {self.outcome}: {self.tasks}"


class LeadUnitChange(models.Model):
    """A change of a task's lead unit, dated like a deadline change: the unit before stays here,
    so that a day before `changed_on` sees `old_unit` as the lead (statistics as of that day) and
    the day itself and after see `new_unit`. Written by the hand-over of a reorganisation
    (`assignments.handover`)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="lead_unit_changes")
    old_unit = models.ForeignKey(
        Organisation,
        verbose_name=_("lead unit before"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_unit = models.ForeignKey(
        Organisation,
        verbose_name=_("lead unit from then"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_on = models.DateField(_("from"))
    reason = models.CharField(_("reason"), max_length=300)
    reorganisation = models.ForeignKey(
        "org.Reorganisation",
        verbose_name=_("reorganisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lead unit change")
        verbose_name_plural = _("lead unit changes")
        ordering = ["changed_on", "pk"]
        indexes = [models.Index(fields=["task", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.old_unit_id} → {self.new_unit_id} ({self.changed_on})"
