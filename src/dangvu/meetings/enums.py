from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceKind(models.TextChoices):
    PLENUM = "plenum", _("Executive Committee plenum")  # hội nghị Ban Chấp hành
    STANDING = "standing", _("Standing Board meeting")  # hội nghị Ban Thường vụ
    PERMANENT = "permanent", _("Standing Committee meeting")  # họp Thường trực
    BRIEFING = "briefing", _("Briefing")  # giao ban
    THEMATIC = "thematic", _("Thematic conference")  # hội nghị chuyên đề
    OTHER = "other", _("Other conference")


class ConferenceState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with leave")
    ABSENT = "absent", _("Absent")


class OutcomeKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DECISION = "decision", _("Decision")
    TASK = "task", _("Follow-up task")


class SignerAuthority(models.TextChoices):
    """Thẩm quyền ký (HD 36): on behalf of a body (T/M), signing for the head (K/T), by order
    (T/L) or by delegation (TUQ). The signer's own title goes on the next line."""

    ON_BEHALF = "T/M BAN THƯỜNG VỤ", "T/M BAN THƯỜNG VỤ"
    BY_ORDER = "T/L BAN THƯỜNG VỤ", "T/L BAN THƯỜNG VỤ"
    STANDING = "T/M THƯỜNG TRỰC", "T/M THƯỜNG TRỰC"
    PLENUM = "T/M BAN CHẤP HÀNH", "T/M BAN CHẤP HÀNH"
    FOR_SECRETARY = "K/T BÍ THƯ", "K/T BÍ THƯ"
    DELEGATED = "TUQ BAN THƯỜNG VỤ", "TUQ BAN THƯỜNG VỤ"
