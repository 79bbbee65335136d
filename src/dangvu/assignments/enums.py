from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    CONCLUSION = "conclusion", _("Conclusion item")  # mục trong thông báo kết luận
    DOCUMENT = "document", _("Document")  # văn bản chỉ đạo
    PLAN = "plan", _("Plan or programme")  # kế hoạch, chương trình
    MANUAL = "manual", _("Entered by hand")


class Priority(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class SixClearFilter(models.TextChoices):
    """The 6-rõ filter of the task list."""

    COMPLETE = "complete", _("All six clear")
    GAPS = "gaps", _("Something unclear")


class Status(models.TextChoices):
    """A task's status as official statistics count it; derived from its dates, never typed in
    (see `status.py`)."""

    IN_PROGRESS = "in_progress", _("In progress, within the deadline")  # đang thực hiện, trong hạn
    DUE_SOON = "due_soon", _("Due soon")  # sắp đến hạn
    OVERDUE = "overdue", _("Overdue, not done")  # quá hạn, chưa hoàn thành
    DONE_ON_TIME = "done_on_time", _("Done on time")  # hoàn thành đúng hạn
    DONE_LATE = "done_late", _("Done late")  # hoàn thành quá hạn
    SUSPENDED = "suspended", _("Suspended")  # tạm dừng
    # không thời hạn: a task without a deadline is never "within the deadline" nor "on time";
    # it is counted apart (a published task always has one since issue 17: the old ones remain)
    NO_DEADLINE = "no_deadline", _("No deadline")


# A filter value beside the statuses: in progress within the deadline, due soon included (the
# "in progress" column of the statistics).
WITHIN_DEADLINE = "within_deadline"

# Statuses of a task that no longer takes progress reports.
CLOSED_STATUSES = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE, Status.SUSPENDED})

# The outcomes the kept counts of closed tasks know (`closed_counts.py`): the closed statuses, and
# "no deadline" for a closed task without one (an open one is counted live).
KEPT_OUTCOMES = CLOSED_STATUSES | {Status.NO_DEADLINE}


class CompletionStepKind(models.TextChoices):
    """The steps of completing a task: the lead unit proposes, the authority accepts or returns."""

    PROPOSED = "proposed", _("Completion proposed")  # đề nghị công nhận hoàn thành
    ACCEPTED = "accepted", _("Completion accepted")  # công nhận hoàn thành
    RETURNED = "returned", _("Returned to the lead unit")  # trả lại


class StatisticsGrouping(models.TextChoices):
    UNIT = "unit", _("Lead unit")
    COMMITTEE = "committee", _("Committee")
    MONTH = "month", _("Month of the deadline")
