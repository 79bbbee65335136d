"""Abbreviations and matching unit names to the organisation tree."""

from __future__ import annotations

import pytest

from dangvu.extraction import expand_abbreviations, match_unit

TREE: list[tuple[int, str, str | None]] = [
    (1, "Ủy ban nhân dân phường Ngọc Lâm", "UBND phường Ngọc Lâm"),
    (2, "Ủy ban Mặt trận Tổ quốc phường Ngọc Lâm", "UBMTTQ phường"),
    (3, "Văn phòng Đảng ủy phường", None),
    (4, "Ủy ban Kiểm tra Đảng ủy phường", "UBKT Đảng ủy"),
    (5, "Hội Cựu chiến binh phường", "Hội CCB"),
]


def test_expand_abbreviations() -> None:
    assert expand_abbreviations("UBND phường") == "Ủy ban nhân dân phường"
    assert expand_abbreviations("các đoàn thể CT-XH") == "các đoàn thể chính trị - xã hội"
    assert expand_abbreviations("HĐND, UBND, MTTQ") == (
        "Hội đồng nhân dân, Ủy ban nhân dân, Mặt trận Tổ quốc"
    )


def test_document_numbers_and_ambiguous_codes_are_left_alone() -> None:
    assert (
        expand_abbreviations("Công văn số 1962/UBND-KT của TT") == "Công văn số 1962/UBND-KT của TT"
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("UBND phường Ngọc Lâm", 1),
        ("Ủy ban nhân dân phường", 1),
        ("Uy ban nhan dan phuong Ngoc Lam", 1),
        ("Ủy ban MTTQ phường", 2),
        ("Văn phòng Đảng uỷ phường", 3),
        ("UBKT Đảng ủy phường", 4),
        ("Hội CCB phường", 5),
    ],
)
def test_match_unit(name: str, key: int) -> None:
    assert match_unit(name, TREE) == key


@pytest.mark.parametrize("name", ["các cơ quan, đơn vị", "Sở Giao thông vận tải", ""])
def test_generic_or_unknown_names_match_nothing(name: str) -> None:
    assert match_unit(name, TREE) is None
