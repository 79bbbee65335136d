from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Body(models.TextChoices):
    """Who runs the programme or the inspection: the committee itself or its commission."""

    COMMITTEE = "committee", _("Executive Committee and Standing Board")  # BCH, BTV
    COMMISSION = "commission", _("Inspection Commission")  # Ủy ban Kiểm tra


class ProgrammeKind(models.TextChoices):
    TERM = "term", _("Term programme")  # chương trình kiểm tra, giám sát toàn khóa
    YEAR = "year", _("Yearly plan")  # kế hoạch kiểm tra, giám sát năm


class InspectionKind(models.TextChoices):
    REGULAR = "regular", _("Regular inspection")  # kiểm tra thường xuyên, theo chương trình
    VIOLATION = "violation", _("Inspection on signs of a violation")  # khi có dấu hiệu vi phạm
    LOWER_COMMISSION = (
        "lower_commission",
        _("Inspection of the lower commission's work"),
    )  # kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát, thi hành kỷ luật của cấp dưới
    FINANCE = "finance", _("Inspection of Party finance")  # kiểm tra tài chính đảng
    THEMATIC_SUPERVISION = "thematic_supervision", _("Thematic supervision")  # giám sát chuyên đề
    REGULAR_SUPERVISION = "regular_supervision", _("Regular supervision")  # giám sát thường xuyên


SUPERVISION_KINDS = frozenset(
    {InspectionKind.THEMATIC_SUPERVISION, InspectionKind.REGULAR_SUPERVISION}
)
INSPECTION_KINDS = frozenset(InspectionKind.values) - SUPERVISION_KINDS


class InspectionState(models.TextChoices):
    """The steps of an inspection, in order; each is reached only from the one before."""

    DECIDED = "decided", _("Decision issued")  # đã có quyết định
    SUBJECT_REPORTED = "subject_reported", _("Subject's report received")  # đối tượng đã báo cáo
    TEAM_REPORTED = "team_reported", _("Team's report received")  # đoàn đã báo cáo
    CONCLUDED = "concluded", _("Conclusion issued")  # đã thông báo kết luận


STATE_ORDER = [
    InspectionState.DECIDED,
    InspectionState.SUBJECT_REPORTED,
    InspectionState.TEAM_REPORTED,
    InspectionState.CONCLUDED,
]


class Step(models.TextChoices):
    """The step a document is attached to (the state that step reaches)."""

    DECISION = "decided", _("Decision")
    SUBJECT_REPORT = "subject_reported", _("Subject's report")
    TEAM_REPORT = "team_reported", _("Team's report")
    CONCLUSION = "concluded", pgettext_lazy("inspection", "Conclusion")


class SubjectKind(models.TextChoices):
    ORGANISATION = "organisation", _("Party organisation")  # tổ chức đảng
    MEMBER = "member", _("Party member")  # đảng viên


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")  # khiển trách
    WARNING = "warning", _("Warning")  # cảnh cáo
    DISMISSAL = "dismissal", _("Dismissal from office")  # cách chức
    EXPULSION = "expulsion", _("Expulsion")  # khai trừ
    DISSOLUTION = "dissolution", _("Dissolution")  # giải tán


MEMBER_FORMS = (
    DisciplineForm.REPRIMAND,
    DisciplineForm.WARNING,
    DisciplineForm.DISMISSAL,
    DisciplineForm.EXPULSION,
)
ORGANISATION_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION)


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Being considered")  # đang giải quyết
    UPHELD = "upheld", _("Decision upheld")  # giữ nguyên hình thức kỷ luật
    CHANGED = "changed", _("Form of discipline changed")  # thay đổi hình thức kỷ luật
    ANNULLED = "annulled", _("Decision annulled")  # xóa bỏ quyết định kỷ luật
