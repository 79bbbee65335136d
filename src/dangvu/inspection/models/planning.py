"""The term programme and yearly plans of inspection and supervision (`Programme`,
`PlannedItem`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.models import TimeStampedModel
from dangvu.inspection.enums import (
    Body,
    InspectionKind,
    ProgrammeKind,
)
from dangvu.org.models import Organisation


class Programme(TimeStampedModel):
    """A term programme or a yearly plan of inspection and supervision."""

    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="inspection_programmes",
    )
    issuer = models.ForeignKey(
        Organisation, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ProgrammeKind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    reference = models.CharField(_("document number"), max_length=100, blank=True)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection programme")
        verbose_name_plural = _("inspection programmes")
        ordering = ["-year_from", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__gte=F("year_from")), name="inspection_programme_years"
            ),
            models.CheckConstraint(
                condition=Q(body__in=Body.values), name="inspection_programme_body_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlannedItem(models.Model):
    """One planned inspection or supervision: subject, content, period, month, who leads."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    subject_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("subject organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_member = models.CharField(
        _("subject Party member"),
        max_length=150,
        blank=True,
        help_text=_("Empty when the subject is the organisation itself."),
    )
    content = models.TextField(_("content"))
    period_text = models.CharField(_("period inspected"), max_length=150, blank=True)
    planned_year = models.PositiveSmallIntegerField(_("year planned"))
    planned_month = models.PositiveSmallIntegerField(_("month planned"), null=True, blank=True)
    lead = models.CharField(_("who leads"), max_length=200, blank=True)
    # A yearly plan's item that carries out an item of the same body's term programme: the
    # programme's progress follows the inspections of its plans' items too.
    carries_out = models.ForeignKey(
        "self",
        verbose_name=_("carries out the term programme's item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_out_by",
    )

    class Meta:
        verbose_name = _("planned inspection")
        verbose_name_plural = _("planned inspections")
        ordering = ["programme", "planned_year", "planned_month", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_month__isnull=True)
                | Q(planned_month__gte=1, planned_month__lte=12),
                name="inspection_planned_month_valid",
            ),
        ]

    def __str__(self) -> str:
        who = self.subject_member or self.subject_organisation.name
        return f"{self.get_kind_display()}: {who}"
