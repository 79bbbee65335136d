"""The criteria sets of Quy định 366-QĐ/TW (30/8/2025) with Hướng dẫn 43-HD/BTCTW as data, for
`services.criteria_defaults_install` (a database emptied by a test's flush, a new installation
without the migration's rows). Migration 0002 keeps its own frozen copy, as migrations must."""

from __future__ import annotations

import datetime as dt

REGULATION = "Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW"
IN_FORCE = dt.date(2025, 8, 30)

GENERAL_INDIVIDUAL = [
    ("1", "Phẩm chất chính trị, tư tưởng; chấp hành đường lối, chủ trương của Đảng", 10),
    ("2", "Đạo đức, lối sống; ý thức tổ chức kỷ luật, tự phê bình và phê bình", 10),
    ("3", "Tác phong, lề lối làm việc; tinh thần học tập, rèn luyện, nêu gương", 10),
]

SETS: list[tuple[str, str, str, list[tuple[str, str, str, int]]]] = [
    (
        "qd366-tap-the",
        "Tổ chức đảng (tập thể) – Quy định 366-QĐ/TW",
        "collective",
        [
            (
                "general",
                "1",
                "Lãnh đạo công tác chính trị, tư tưởng; quán triệt, cụ thể hóa chủ trương của cấp trên",  # noqa: E501 - the wording kept whole
                10,
            ),
            (
                "general",
                "2",
                "Xây dựng tổ chức đảng, đội ngũ cán bộ, đảng viên; sinh hoạt đảng, tự phê bình và phê bình",  # noqa: E501 - the wording kept whole
                10,
            ),
            (
                "general",
                "3",
                "Kiểm tra, giám sát, thi hành kỷ luật đảng; phòng, chống tham nhũng, lãng phí, tiêu cực",  # noqa: E501 - the wording kept whole
                5,
            ),
            (
                "general",
                "4",
                "Lãnh đạo công tác dân vận, Mặt trận và các đoàn thể chính trị - xã hội",
                5,
            ),
            ("results", "5", "Kết quả thực hiện các chỉ tiêu, nhiệm vụ trọng tâm trong kỳ", 40),
            ("results", "6", "Kết quả thực hiện nhiệm vụ cấp trên giao, đúng tiến độ", 20),
            ("results", "7", "Khắc phục hạn chế, khuyết điểm đã được chỉ ra", 10),
        ],
    ),
    (
        "qd366-lanh-dao",
        "Đảng viên giữ chức vụ lãnh đạo, quản lý – Quy định 366-QĐ/TW",
        "leader",
        [
            *(("general", n, t, s) for n, t, s in GENERAL_INDIVIDUAL),
            (
                "results",
                "4",
                "Kết quả thực hiện nhiệm vụ được giao theo chức trách (lượng hóa bằng sản phẩm)",
                40,
            ),
            ("results", "5", "Kết quả của cơ quan, đơn vị, lĩnh vực được giao phụ trách", 20),
            (
                "results",
                "6",
                "Năng lực lãnh đạo, quản lý; đổi mới, sáng tạo, dám nghĩ, dám làm",
                10,
            ),
        ],
    ),
    (
        "qd366-dang-vien",
        "Đảng viên không giữ chức vụ lãnh đạo, quản lý – Quy định 366-QĐ/TW",
        "member",
        [
            *(("general", n, t, s) for n, t, s in GENERAL_INDIVIDUAL),
            ("results", "4", "Kết quả thực hiện nhiệm vụ chi bộ phân công", 40),
            ("results", "5", "Kết quả thực hiện nhiệm vụ chuyên môn, công tác được giao", 20),
            ("results", "6", "Tham gia sinh hoạt chi bộ; giữ mối liên hệ với nơi cư trú", 10),
        ],
    ),
    (
        "qd366-ngoai-he-thong",
        "Đảng viên làm việc ngoài hệ thống chính trị – Quy định 366-QĐ/TW",
        "outside",
        [
            *(("general", n, t, s) for n, t, s in GENERAL_INDIVIDUAL),
            ("results", "4", "Thực hiện nhiệm vụ chi bộ phân công, nghĩa vụ đảng viên", 40),
            ("results", "5", "Vai trò nêu gương tại nơi làm việc và nơi cư trú", 20),
            ("results", "6", "Chấp hành pháp luật trong công việc, sản xuất, kinh doanh", 10),
        ],
    ),
]
