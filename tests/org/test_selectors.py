import datetime as dt
from typing import Any

import pytest

from dangvu.org import selectors
from dangvu.org.models import Organisation

SEED_DAY = dt.date(2020, 9, 11)
TODAY_2026 = dt.date(2026, 11, 26)


def _names(nodes: list[selectors.TreeNode]) -> list[str]:
    out = []
    for node in nodes:
        out.append(node.organisation.name)
        out.extend(_names(node.children))
    return out


def test_tree_on_the_conference_day(demo: dict[str, Organisation]) -> None:
    roots = selectors.organisation_tree(SEED_DAY)
    assert [r.organisation.code for r in roots] == ["hn-tu"]
    district = roots[0].children[0]
    assert district.organisation.name == "Quận ủy Long Biên"
    bodies = [c.organisation.name for c in district.children]
    assert "Văn phòng Quận ủy Long Biên" in bodies
    assert "Trung tâm Chính trị quận Long Biên" in bodies
    assert "Đảng ủy Khối Doanh nghiệp quận Long Biên" in bodies
    assert not any("Phúc Lợi" in name for name in _names(roots))


def test_tree_after_the_district_level_ended(demo: dict[str, Organisation]) -> None:
    roots = selectors.organisation_tree(TODAY_2026)
    names = _names(roots)
    assert "Quận ủy Long Biên" not in names
    wards = [c.organisation.name for c in roots[0].children]
    assert wards == [
        "Đảng ủy phường Long Biên",
        "Đảng ủy phường Bồ Đề",
        "Đảng ủy phường Việt Hưng",
        "Đảng ủy phường Phúc Lợi",
    ]


def test_tree_is_one_query(demo: dict[str, Organisation], django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        selectors.organisation_tree(SEED_DAY)


def test_history_both_ways(demo: dict[str, Organisation]) -> None:
    successors = {s.successor.code: s.kind for s in selectors.successors(demo["lb-qu"])}
    assert successors == dict.fromkeys(("p-longbien", "p-bode", "p-viethung", "p-phucloi"), "part")
    predecessors = {p.predecessor.code: p.kind for p in selectors.predecessors(demo["p-bode"])}
    assert predecessors == {
        "lb-qu": "part",
        "lb-p-ngoclam": "whole",
        "lb-p-bode": "remainder",
        "lb-p-thuongthanh": "part",
    }


def test_positions_on_a_date(demo: dict[str, Organisation]) -> None:
    on_seed_day = selectors.positions_on(demo["lb-qu"], SEED_DAY)
    assert [(p.person.full_name, p.title) for p in on_seed_day] == [
        ("Ngô Mạnh Điềm", "Phó Bí thư Thường trực Quận ủy")
    ]
    assert not selectors.positions_on(demo["lb-qu"], TODAY_2026).exists()


@pytest.mark.django_db
def test_manageable_by_follows_the_subtree(demo: dict[str, Organisation]) -> None:
    from dangvu.accounts.models import User

    office = User.objects.get(username="vanphong")
    codes = set(selectors.organisations_manageable_by(office).values_list("code", flat=True))
    assert "lb-btg" in codes
    assert "lb-qu" in codes
    assert "hn-tu" not in codes
    assert "p-bode" not in codes
