"""One inspection or supervision from the decision that sets up the team to the conclusion
notice: its subjects, the documents attached at each step, and the recommendations that become
follow-up tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.assignments.models import Task
from dangvu.core.models import TimeStampedModel
from dangvu.documents.models import DocumentNumber
from dangvu.inspection.enums import (
    Body,
    InspectionKind,
    InspectionState,
    Step,
    SubjectKind,
)
from dangvu.inspection.models.planning import PlannedItem
from dangvu.org.models import Organisation


class Inspection(TimeStampedModel):
    """One inspection or supervision, from its decision to its conclusion."""

    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    issuer = models.ForeignKey(
        Organisation, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    planned_item = models.ForeignKey(
        PlannedItem,
        verbose_name=_("planned as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    content = models.TextField(_("content"))
    period_text = models.CharField(_("period inspected"), max_length=150, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=InspectionState.choices, default=InspectionState.DECIDED
    )
    # The decision (quyết định thành lập đoàn/tổ kiểm tra, giám sát).
    decision_number = models.ForeignKey(
        DocumentNumber,
        verbose_name=_("decision number"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    leader = models.CharField(_("team leader"), max_length=150)
    members = models.TextField(_("team members"), blank=True, help_text=_("One per line."))
    starts_on = models.DateField(_("work starts on"))
    ends_on = models.DateField(_("work ends on"))
    # Deadlines of the steps, and the days they were done.
    subject_report_due = models.DateField(_("subject's report due"))
    team_report_due = models.DateField(_("team's report due"))
    conclusion_due = models.DateField(_("conclusion due"))
    subject_reported_on = models.DateField(_("subject's report received on"), null=True, blank=True)
    subject_report_note = models.TextField(_("subject's report"), blank=True)
    team_reported_on = models.DateField(_("team's report received on"), null=True, blank=True)
    team_report_note = models.TextField(_("team's report"), blank=True)
    # The conclusion (thông báo kết luận kiểm tra, giám sát).
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    conclusion_number = models.ForeignKey(
        DocumentNumber,
        verbose_name=_("conclusion number"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conclusion_text = models.TextField(_("conclusion"), blank=True)
    signer_authority = models.CharField(_("signs on behalf of"), max_length=60, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["committee", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")) & Q(starts_on__gte=F("decided_on")),
                name="inspection_work_dates",
            ),
            models.CheckConstraint(
                condition=Q(subject_reported_on__isnull=True)
                | Q(subject_reported_on__gte=F("decided_on")),
                name="inspection_subject_report_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(team_reported_on__isnull=True)
                | Q(
                    subject_reported_on__isnull=False,
                    team_reported_on__gte=F("subject_reported_on"),
                ),
                name="inspection_team_report_after_subject",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(team_reported_on__isnull=False, concluded_on__gte=F("team_reported_on")),
                name="inspection_conclusion_after_team",
            ),
            models.CheckConstraint(
                condition=Q(state__in=InspectionState.values), name="inspection_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_supervision(self) -> bool:
        return self.kind in (
            InspectionKind.THEMATIC_SUPERVISION,
            InspectionKind.REGULAR_SUPERVISION,
        )


class InspectionSubject(models.Model):
    """An organisation or a member inspected; `violation` is set by the conclusion."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="subjects")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    member_name = models.CharField(_("Party member"), max_length=150, blank=True)
    violation = models.BooleanField(_("violation found"), default=False)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        if self.member_name:
            return f"{self.member_name} ({self.organisation.display_name})"
        return self.organisation.name

    @property
    def kind(self) -> str:
        return SubjectKind.MEMBER if self.member_name else SubjectKind.ORGANISATION


class Attachment(models.Model):
    """A document attached at a step (type checked by content, size limited)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="attachments")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    file = models.FileField(_("file"), upload_to="inspection/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """A recommendation of a conclusion (kiến nghị), followed as a task of the committee."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("recommendation"))
    lead_unit = models.ForeignKey(
        Organisation, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    deliverable = models.CharField(_("deliverable"), max_length=300)
    authority = models.ForeignKey(
        Organisation,
        verbose_name=_("accepting authority"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    task = models.OneToOneField(
        Task,
        verbose_name=_("follow-up task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_recommendation",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "position"], name="inspection_recommendation_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
