from django.db import models
from django.utils.translation import gettext_lazy as _

# Period kinds and cut-offs belong to core: the task statistics count by them too.
from dangvu.core.periods import CutOff, PeriodKind

__all__ = ["CutOff", "PeriodKind"]


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
