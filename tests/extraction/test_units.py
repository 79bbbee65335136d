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


def test_the_index_proposes_what_the_scan_proposes() -> None:
    from dangvu.extraction.units import UnitIndex, match_unit_by_scan
    from dangvu.extraction.units_bench import queries, synthetic_tree

    tree = synthetic_tree(300)
    index = UnitIndex(tree)
    names = queries(tree, 25, seed=11) + [full for _, full, _ in tree[:5]]

    for name in names:
        assert index.match(name) == match_unit_by_scan(name, tree), name


def test_a_name_is_compared_with_a_shortlist_not_with_every_unit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dangvu.extraction import units
    from dangvu.extraction.units_bench import synthetic_tree

    tree = synthetic_tree(3000)
    index = units.UnitIndex(tree)
    compared: list[object] = []
    original = units._form_similarity

    def counting(a: units._Form, b: units._Form, floor: float) -> float:
        compared.append(b)
        return original(a, b, floor)

    monkeypatch.setattr(units, "_form_similarity", counting)
    _, full, short = tree[1234]
    wanted = tree[1234][0]

    assert index.match((short or full).replace("phường", "P.")) == wanted
    # two forms (with and without diacritics) of at most two names per shortlisted unit
    assert len(compared) <= 4 * units.UnitIndex.SHORTLIST
    assert index.match(full) == wanted  # exact folded name: a dictionary hit


def test_match_unit_accepts_a_built_index() -> None:
    from dangvu.extraction.units import UnitIndex

    index = UnitIndex(TREE)
    assert match_unit("UBND phường Ngọc Lâm", index) == 1
    assert match_unit("các cơ quan, đơn vị", index) is None
    assert len(index) == len(TREE)
