from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PARTY = "party", _("Party organisation")  # tổ chức đảng
    PARTY_BODY = "party_body", _("Staff body of a committee")  # cơ quan tham mưu, giúp việc
    STATE = "state", _("State body")  # cơ quan nhà nước
    FRONT = "front", _("Fatherland Front or socio-political organisation")  # MTTQ, đoàn thể CT-XH
    OTHER = "other", _("Other")


class SuccessionKind(models.TextChoices):
    """How much of a predecessor went to a successor (toàn bộ / một phần / phần còn lại)."""

    WHOLE = "whole", _("whole")
    PART = "part", _("part")
    REMAINDER = "remainder", _("remainder")
    # sáp nhập vào: the predecessor ends, the successor continues under its own name
    ABSORBED = "absorbed", _("absorbed into")


# Kinds that hand everything to one successor: the open work follows automatically.
SINGLE_SUCCESSOR_KINDS = frozenset({SuccessionKind.WHOLE, SuccessionKind.ABSORBED})


class ChangeAction(models.TextChoices):
    """What a reorganisation did to one organisation."""

    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    CLOSE = "close", _("closed")


class Role(models.TextChoices):
    OFFICE = "office", _("Office staff")  # văn phòng
    REPORTER = "reporter", _("Unit reporter")  # cán bộ tổng hợp của đơn vị
    HEAD = "head", _("Unit head")  # thủ trưởng đơn vị
    LEADER = "leader", _("Leader")  # lãnh đạo
    ADMIN = "admin", _("Administrator")  # quản trị


# Roles that may change the organisation tree under the organisation they are held in.
ORG_MANAGER_ROLES = frozenset({Role.OFFICE, Role.ADMIN})
