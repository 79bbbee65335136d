from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")
    TERM = "term", _("Term")
    AD_HOC = "ad_hoc", _("Ad hoc")


class CutOff(models.TextChoices):
    """How a period's covered dates are counted."""

    CALENDAR = "calendar", _("Calendar (1st to last day)")
    STATE = "state", _("State regime (15th to 14th)")  # Nghị định 09/2019/NĐ-CP


class SectionRole(models.TextChoices):
    """What a section of the outline collects from the units' contributions."""

    TOPIC = "topic", _("Results on a topic (units contribute)")
    SHORTCOMINGS = "shortcomings", _("Shortcomings (gathered from units)")
    TASKS = "tasks", _("Next-period tasks (gathered from units)")
    TEXT = "text", _("Written by the office")


class IndicatorType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    READY = "ready", _("Sent to the unit head")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


EDITABLE_STATUSES = frozenset({ContributionStatus.DRAFT, ContributionStatus.RETURNED})


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class CommentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted (tiếp thu)")
    EXPLAINED = "explained", _("Explained (giải trình)")
