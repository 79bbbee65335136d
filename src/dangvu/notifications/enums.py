from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    """When a reminder (đôn đốc) is sent, relative to the task's deadline."""

    BEFORE = "before", _("Before the deadline")  # trước hạn
    DUE = "due", _("On the deadline")  # đến hạn
    OVERDUE = "overdue", _("After the deadline")  # quá hạn


class NotificationKind(models.TextChoices):
    REMINDER_BEFORE = "reminder_before", _("Reminder before the deadline")
    REMINDER_DUE = "reminder_due", _("Reminder on the deadline")
    REMINDER_OVERDUE = "reminder_overdue", _("Reminder after the deadline")
    OTHER = "other", _("Other")


NOTIFICATION_FOR_REMINDER = {
    ReminderKind.BEFORE: NotificationKind.REMINDER_BEFORE,
    ReminderKind.DUE: NotificationKind.REMINDER_DUE,
    ReminderKind.OVERDUE: NotificationKind.REMINDER_OVERDUE,
}


class JobName(models.TextChoices):
    """The jobs the worker knows (see `jobs.py`)."""

    DAILY_REMINDERS = "daily_reminders", _("Daily reminders")
    PLANNER_STATISTICS = "planner_statistics", _("Database statistics for the query planner")
