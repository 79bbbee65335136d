from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    """Độ mật (Hướng dẫn 36-HD/VPTW): the mark under the number, in a box."""

    NONE = "", _("Not classified")
    SECRET = "MẬT", "MẬT"
    TOP_SECRET = "TỐI MẬT", "TỐI MẬT"
    ABSOLUTE = "TUYỆT MẬT", "TUYỆT MẬT"


class Urgency(models.TextChoices):
    """Độ khẩn: under the độ mật mark (or under the number)."""

    NONE = "", _("Normal")
    URGENT = "KHẨN", "KHẨN"
    VERY_URGENT = "THƯỢNG KHẨN", "THƯỢNG KHẨN"
    FLASH = "HỎA TỐC", "HỎA TỐC"


# Type codes of Party documents (Quy định 66-QĐ/TW) with their names, for the register's form.
TYPE_CODES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "CV": "Công văn",
    "BB": "Biên bản",
    "GM": "Giấy mời",
}
