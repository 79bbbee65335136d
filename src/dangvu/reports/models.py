"""Period reports: a committee's reporting period, its outline and indicators, the units'
contributions, the consolidated draft in numbered versions, comments on it, and the issued report.

States change only through `services.py`; the constraints below hold whatever writes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.models import TimeStampedModel
from dangvu.org.models import Organisation
from dangvu.reports.enums import (
    CommentStatus,
    ContributionStatus,
    CutOff,
    ImportStatus,
    IndicatorType,
    PeriodKind,
    SectionRole,
)


class OutlineTemplate(TimeStampedModel):
    """A saved outline (sections and indicators, in the outline's text form) to start a period."""

    committee = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="report_templates"
    )
    name = models.CharField(_("name"), max_length=200)
    sections_text = models.TextField(_("sections"))
    indicators_text = models.TextField(_("indicators"), blank=True)

    class Meta:
        verbose_name = _("outline template")
        verbose_name_plural = _("outline templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="report_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Period(TimeStampedModel):
    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="report_periods",
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The month, quarter or half.")
    )
    cut_off = models.CharField(
        _("cut-off"), max_length=20, choices=CutOff.choices, default=CutOff.CALENDAR
    )
    starts_on = models.DateField(_("covers from"))
    ends_on = models.DateField(_("covers to"))
    due_on = models.DateField(_("contributions due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="report_period_interval"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A section of a period's outline; `position` orders the whole outline (pre-order)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField()
    depth = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(_("number"), max_length=40, blank=True)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=SectionRole.choices)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["period", "position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "position"], name="report_section_position")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Indicator(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField()
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=50)
    value_type = models.CharField(
        _("type"), max_length=10, choices=IndicatorType.choices, default=IndicatorType.INTEGER
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["period", "position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "name"], name="report_indicator_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class Contribution(TimeStampedModel):
    """One unit's contribution to a period: asked for by the office, written by the unit's
    reporter, submitted by its head, accepted or returned by the office."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="contributions")
    unit = models.ForeignKey(
        Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["period", "unit__sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_contribution_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"


class ContributionEntry(models.Model):
    """What a unit writes for one section: results, shortcomings, next-period tasks (sanitised
    HTML)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="entries")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="entries")
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    tasks = models.TextField(_("next-period tasks"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "section"], name="report_entry_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution} – {self.section}"


class IndicatorValue(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "indicator"], name="report_value_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Attachment(models.Model):
    """A file attached to a contribution, kept in the database so that a failed upload leaves
    nothing behind."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ContributionImport(models.Model):
    """A DOCX split into the outline's sections, held for review before it replaces what the
    unit wrote. `sections` maps a section id to {"results", "shortcomings", "tasks"}."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=255)
    sections = models.JSONField(default=dict)
    unmatched = models.JSONField(default=list)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class DraftVersion(models.Model):
    """One saved version of the consolidated draft. `body` is a list of sections, each
    {"section": id, "number", "title", "depth", "paragraphs": [{"text", "unit", "unit_name",
    "contribution", "contribution_version", "edited"}]}; `merged` maps a contribution id to the
    contribution version it brought in."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    body = models.JSONField(default=list)
    indicators = models.JSONField(default=list)
    merged = models.JSONField(default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="report_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.number}"


class Comment(models.Model):
    """A comment (góp ý) on a passage of a version, answered by the office."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passage = models.TextField(_("passage"), blank=True)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("from"), max_length=200, blank=True)
    author_unit = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_in = models.ForeignKey(
        DraftVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CommentStatus.OPEN) | ~Q(answer=""),
                name="report_comment_answered",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class IssuedReport(models.Model):
    """The report as issued: its number, date and signer; the period is frozen from then on."""

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="issued")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))
    number_label = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("date"))
    signer_authority = models.CharField(_("on behalf of"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    signer_name = models.CharField(_("signer"), max_length=150)
    recipients = models.TextField(_("recipients"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")

    def __str__(self) -> str:
        return f"Số {self.number_label}"
