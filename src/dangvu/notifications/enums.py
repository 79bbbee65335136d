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
    # Workflow events (`events.emit`): in-app at once, by e-mail in the next digest.
    TASK_ASSIGNED = "task_assigned", _("Task assigned to the unit")  # giao nhiệm vụ
    COMPLETION_PROPOSED = "completion_proposed", _("Completion proposed")  # đề nghị hoàn thành
    COMPLETION_ACCEPTED = "completion_accepted", _("Completion accepted")  # công nhận hoàn thành
    COMPLETION_RETURNED = "completion_returned", _("Completion returned")  # trả lại kết quả
    COMMENT_ANSWERED = "comment_answered", _("Comment answered")  # tiếp thu, giải trình
    REPORT_SUBMITTED = "report_submitted", _("Contribution submitted")  # gửi báo cáo
    REPORT_RETURNED = "report_returned", _("Contribution returned")  # trả lại báo cáo
    CONFERENCE_INVITED = "conference_invited", _("Invitation to a conference")  # giấy mời
    OTHER = "other", _("Other")


EVENT_KINDS: frozenset[str] = frozenset(
    {
        NotificationKind.TASK_ASSIGNED,
        NotificationKind.COMPLETION_PROPOSED,
        NotificationKind.COMPLETION_ACCEPTED,
        NotificationKind.COMPLETION_RETURNED,
        NotificationKind.COMMENT_ANSWERED,
        NotificationKind.REPORT_SUBMITTED,
        NotificationKind.REPORT_RETURNED,
        NotificationKind.CONFERENCE_INVITED,
    }
)


NOTIFICATION_FOR_REMINDER = {
    ReminderKind.BEFORE: NotificationKind.REMINDER_BEFORE,
    ReminderKind.DUE: NotificationKind.REMINDER_DUE,
    ReminderKind.OVERDUE: NotificationKind.REMINDER_OVERDUE,
}


class JobName(models.TextChoices):
    """The jobs the worker knows (see `jobs.py`)."""

    DAILY_REMINDERS = "daily_reminders", _("Daily reminders")
    PLANNER_STATISTICS = "planner_statistics", _("Database statistics for the query planner")
    EVENT_DIGESTS = "event_digests", _("E-mail digests of workflow events")
