"""Party discipline decisions and the complaints about them: sensitive, read through
`selectors.get_discipline_for_user`, which logs every read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.inspection.enums import (
    MEMBER_FORMS,
    ORGANISATION_FORMS,
    ComplaintOutcome,
    DisciplineForm,
    SubjectKind,
)
from dangvu.inspection.models.inspections import Inspection
from dangvu.org.models import Organisation


class DisciplineRecord(TimeStampedModel):
    """A discipline decision. Sensitive: read only through the logged access helper."""

    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    deciding_body = models.ForeignKey(
        Organisation, verbose_name=_("deciding level"), on_delete=models.PROTECT, related_name="+"
    )
    subject_kind = models.CharField(_("subject"), max_length=20, choices=SubjectKind.choices)
    subject_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation disciplined, or the Party member's organisation."),
    )
    member_name = models.CharField(_("Party member"), max_length=150, blank=True)
    form = models.CharField(_("form of discipline"), max_length=20, choices=DisciplineForm.choices)
    violation = models.TextField(_("violation"))
    decision_reference = models.CharField(_("decision number"), max_length=100)
    decided_on = models.DateField(_("decided on"))
    effective_on = models.DateField(_("effective from"))
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("from the inspection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discipline_records",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("decided_on")), name="discipline_dates"
            ),
            models.CheckConstraint(
                condition=(
                    Q(subject_kind=SubjectKind.MEMBER, form__in=[f.value for f in MEMBER_FORMS])
                    & ~Q(member_name="")
                )
                | (
                    Q(
                        subject_kind=SubjectKind.ORGANISATION,
                        form__in=[f.value for f in ORGANISATION_FORMS],
                    )
                    & Q(member_name="")
                ),
                name="discipline_form_fits_subject",
            ),
        ]

    def __str__(self) -> str:
        who = self.member_name or self.subject_organisation.name
        return f"{self.get_form_display()}: {who}"


class Complaint(TimeStampedModel):
    """A complaint about a discipline decision, considered one level up, and its outcome."""

    record = models.ForeignKey(
        DisciplineRecord, on_delete=models.CASCADE, related_name="complaints"
    )
    lodged_on = models.DateField(_("lodged on"))
    considered_by = models.ForeignKey(
        Organisation, verbose_name=_("considered by"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("complaint"))
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=ComplaintOutcome.choices,
        default=ComplaintOutcome.PENDING,
    )
    decided_on = models.DateField(_("outcome decided on"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome details"), blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["record", "lodged_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("lodged_on")),
                name="complaint_dates",
            ),
            models.CheckConstraint(
                condition=Q(outcome=ComplaintOutcome.PENDING, decided_on__isnull=True)
                | (~Q(outcome=ComplaintOutcome.PENDING) & Q(decided_on__isnull=False)),
                name="complaint_outcome_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record} – {self.lodged_on}"
