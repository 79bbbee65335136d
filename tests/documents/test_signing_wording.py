"""The signer block per signing mode and the notice's wording per conference kind."""

from __future__ import annotations

import pytest

from dangvu.documents.bodies import place_of, superior_body_of
from dangvu.documents.signing import signature_lines, signing_mode
from dangvu.documents.wording import default_preamble, meeting_phrase, notice_summary


@pytest.mark.parametrize(
    ("authority", "title", "expected"),
    [
        (
            "T/M BAN THƯỜNG VỤ",
            "Phó Bí thư Thường trực Quận ủy",
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"],
        ),
        (
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ THƯỜNG TRỰC QUẬN ỦY LONG BIÊN",
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"],
        ),
        ("K/T BÍ THƯ", "Phó Bí thư", ["K/T BÍ THƯ", "PHÓ BÍ THƯ"]),
        ("T/L BAN THƯỜNG VỤ", "Chánh Văn phòng Quận ủy", ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]),
        ("TUQ BAN THƯỜNG VỤ", "Chánh Văn phòng", ["TUQ BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]),
        # A deputy signs for the collective directly (HD 36): no K/T under T/M.
        ("T/M BAN THƯỜNG VỤ", "K/T Bí thư\nPhó Bí thư", ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
        # K/T is the head of a staff body's deputy, on two lines.
        ("", "K/T Trưởng ban\nPhó Trưởng ban", ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        ("T/M BAN THƯỜNG VỤ", "Ban Thường vụ", ["T/M BAN THƯỜNG VỤ"]),
        ("", "Bí thư", ["BÍ THƯ"]),
    ],
)
def test_signature_lines(authority: str, title: str, expected: list[str]) -> None:
    assert signature_lines(authority, title, "QUẬN ỦY LONG BIÊN") == expected


def test_signing_modes() -> None:
    assert [signing_mode(a) for a in ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BTV", "TUQ X")] == [
        "T/M",
        "K/T",
        "T/L",
        "TUQ",
    ]
    assert signing_mode("BÍ THƯ") == ""


def test_meeting_phrase_is_grammatical() -> None:
    assert (
        meeting_phrase("Họp Thường trực Quận ủy tháng 9") == "cuộc họp Thường trực Quận ủy tháng 9"
    )
    assert meeting_phrase("Hội nghị Ban Thường vụ") == "hội nghị Ban Thường vụ"
    assert meeting_phrase("Giao ban khối Đảng quý III") == "buổi giao ban khối Đảng quý III"
    assert meeting_phrase("Sơ kết 6 tháng") == "hội nghị sơ kết 6 tháng"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("standing", "Kết luận của Ban Thường vụ Quận ủy tại hội nghị"),
        ("permanent", "Kết luận của Thường trực Quận ủy tại hội nghị"),
        ("plenum", "Kết luận của Ban Chấp hành Đảng bộ quận tại hội nghị"),
        ("thematic", "Kết luận của đồng chí Bí thư Quận ủy tại hội nghị"),
    ],
)
def test_notice_summary_per_conference_kind(kind: str, expected: str) -> None:
    summary = notice_summary(kind, "Quận ủy", "Bí thư Quận ủy", "Hội nghị sơ kết quý III")
    assert summary == f"{expected} sơ kết quý III"


def test_default_preamble_names_who_concludes() -> None:
    text = default_preamble("standing", "Quận ủy", "")
    assert text.endswith("Ban Thường vụ Quận ủy kết luận như sau:")


class Org:
    def __init__(self, name: str, parent: Org | None = None) -> None:
        self.name = name
        self.short_name = ""
        self.parent = parent


def test_place_and_superior_body() -> None:
    city = Org("Thành ủy Hà Nội")
    district = Org("Quận ủy Long Biên", city)
    ward = Org("Đảng ủy phường Bồ Đề", city)
    branch = Org("Chi bộ Tổ dân phố 5", Org("Đảng ủy phường Bồ Đề", city))
    assert place_of(district) == "Long Biên"
    assert place_of(ward) == "Bồ Đề"
    assert place_of(city) == "Hà Nội"
    assert superior_body_of(district) == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    assert superior_body_of(ward) == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    assert superior_body_of(branch) == "ĐẢNG BỘ PHƯỜNG BỒ ĐỀ"
    assert superior_body_of(city) == ""
