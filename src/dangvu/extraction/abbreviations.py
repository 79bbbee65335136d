"""Expanding the abbreviations of Party and administrative writing (chữ viết tắt).

Used to match unit names, never to rewrite a lead. Ambiguous codes (TT, CT, CĐ, TB, TP) are left
alone, and
so is anything inside a document number ("Số 15-ĐA/QU", "1962/UBND-KT"), where letters are document
types.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "UVTV": "Ủy viên Ban Thường vụ",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "UBKT": "Ủy ban Kiểm tra",
    "TTCT": "Trung tâm Chính trị",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "CT-XH": "chính trị - xã hội",
    "CTXH": "chính trị - xã hội",
    "CCB": "Cựu chiến binh",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "KT-XH": "kinh tế - xã hội",
    "QP-AN": "quốc phòng - an ninh",
    "AN-QP": "an ninh - quốc phòng",
    "PCCC": "phòng cháy chữa cháy",
    "GPMB": "giải phóng mặt bằng",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "ĐV": "đảng viên",
    "TDP": "tổ dân phố",
    "TUV": "Tỉnh ủy viên",
    "HUV": "Huyện ủy viên",
    "NTM": "nông thôn mới",
    "ANTT": "an ninh trật tự",
    "TTATXH": "trật tự an toàn xã hội",
    "HTX": "hợp tác xã",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "LHPN": "Liên hiệp Phụ nữ",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "BCĐ": "Ban Chỉ đạo",
    "BQL": "Ban Quản lý",
    "VPHĐND": "Văn phòng Hội đồng nhân dân",
    "TTCP": "Thủ tướng Chính phủ",
    "CNTT": "công nghệ thông tin",
    "CCHC": "cải cách hành chính",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "TW": "Trung ương",
    "KHĐT": "Kế hoạch và Đầu tư",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "GTVT": "Giao thông vận tải",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "KH&CN": "Khoa học và Công nghệ",
    "TT&TT": "Thông tin và Truyền thông",
    "Đ/c": "Đồng chí",
    "đ/c": "đồng chí",
}

_CODE = "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
_ABBREVIATION = re.compile(r"(?<![\w/&-])(?:" + _CODE + r")(?![\w&-])")
# "Số 15-ĐA/QU", "1962/UBND-KT", "02-KL/HU": letters after digits and a dash or slash.
_DOCUMENT_NUMBER = re.compile(r"\d+\s*[-/][\w/&.-]*[A-ZĐ][\w/&.-]*")


def expand_abbreviations(text: str) -> str:
    """Replace known abbreviations by their full form ("UBND phường" -> "Ủy ban nhân dân
    phường")."""
    protected = [m.span() for m in _DOCUMENT_NUMBER.finditer(text)]

    def replace(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in protected):
            return m.group()
        return ABBREVIATIONS[m.group()]

    return _ABBREVIATION.sub(replace, text)
