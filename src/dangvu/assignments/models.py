"""Tasks (nhiệm vụ) given by a committee's conclusions, documents and plans.

A task keeps the wording of its source (`original_text`, `lead_text`, `deadline_text`) beside the
fields the office completes, so that what the leader said and what the office made of it can be
compared. `issued_on` is the day the task was given (the meeting or document date): the units and
the deadline are checked against that day, so that tasks of 2020 can be recorded in 2026.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.assignments.enums import Priority, SourceKind
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
        ]
        indexes = [models.Index(fields=["committee", "issued_on"])]

    def __str__(self) -> str:
        return self.content[:80]
