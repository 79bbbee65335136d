"""Kinds, grades and steps of the evaluation and classification of Party organisations and members
(Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    YEAR = "year", _("Year")  # hằng năm
    TERM = "term", _("Term")  # cả nhiệm kỳ
    QUARTER = "quarter", _("Quarter")  # hằng quý
    AD_HOC = "ad_hoc", _("Ad hoc")  # khi cần thiết


class SubjectKind(models.TextChoices):
    """One criteria set per kind of subject."""

    COLLECTIVE = "collective", _("Collective (Party organisation)")  # tập thể
    LEADER = "leader", _("Member holding a leading or managing post")  # lãnh đạo, quản lý
    MEMBER = "member", _("Member without a post")  # không giữ chức vụ
    OUTSIDE = "outside", _("Member outside the political system")  # ngoài hệ thống chính trị


INDIVIDUAL_KINDS = frozenset({SubjectKind.LEADER, SubjectKind.MEMBER, SubjectKind.OUTSIDE})


class SubjectClass(models.TextChoices):
    """What the results count: organisations or members."""

    ORGANISATION = "organisation", _("Organisations")
    MEMBER = "member", _("Members")


def subject_class(kind: str) -> str:
    return SubjectClass.ORGANISATION if kind == SubjectKind.COLLECTIVE else SubjectClass.MEMBER


class Grade(models.TextChoices):
    """The four grades, best first (the order of `GRADE_ORDER`)."""

    EXCELLENT = "excellent", _("Excellent completion of duties")  # Hoàn thành xuất sắc nhiệm vụ
    GOOD = "good", _("Good completion of duties")  # Hoàn thành tốt nhiệm vụ
    COMPLETE = "complete", _("Completion of duties")  # Hoàn thành nhiệm vụ
    FAILED = "failed", _("Failure to complete duties")  # Không hoàn thành nhiệm vụ


GRADE_ORDER = [Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETE, Grade.FAILED]
GRADE_RANK = {grade: rank for rank, grade in enumerate(GRADE_ORDER)}  # 0 = best


class Stage(models.TextChoices):
    """Where a subject's evaluation stands; moved only by the services, in this order."""

    PENDING = "pending", _("Awaiting self-assessment")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")  # tự đánh giá
    APPRAISED = "appraised", _("Appraised and proposed")  # thẩm định, đề xuất
    DECIDED = "decided", _("Decided")  # quyết định xếp loại


class CriterionPart(models.TextChoices):
    """The 100-point frame: general criteria (30) and task results (70)."""

    GENERAL = "general", _("General criteria")  # tiêu chí chung
    RESULTS = "results", _("Task results")  # kết quả thực hiện nhiệm vụ


class MemberStatus(models.TextChoices):
    OFFICIAL = "official", _("Official member")  # đảng viên chính thức
    PROBATIONARY = "probationary", _("Probationary member")  # đảng viên dự bị
