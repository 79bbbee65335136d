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
