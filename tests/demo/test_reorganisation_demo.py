"""The demo's 2025 reorganisation: entered through the workbook, Thượng Thanh's tasks handed
over to its successors, and the successor ward's user sees them with their history."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from dangvu.assignments.models import LeadUnitChange
from dangvu.org.models import Organisation, Reorganisation
from tests.conftest import login


def test_the_demo_reorganisation_and_its_hand_over(
    client: Client, demo: dict[str, Organisation]
) -> None:
    act = Reorganisation.objects.get(number="1656/NQ-UBTVQH15")
    assert act.links.count() == 9
    changes = LeadUnitChange.objects.filter(old_unit=demo["lb-p-thuongthanh"]).select_related(
        "new_unit", "task"
    )
    assert {c.new_unit.code for c in changes} == {"p-bode", "p-viethung"}
    to_bode = next(c for c in changes if c.new_unit.code == "p-bode")
    assert to_bode.reason == (
        "Chuyển giao từ Đảng ủy phường Thượng Thanh sang Đảng ủy phường Bồ Đề "
        "theo Nghị quyết 1656/NQ-UBTVQH15"
    )
    login(client, "phuongbode")
    html = client.get(reverse("assignments:detail", args=[to_bode.task_id])).content.decode()
    assert "Chuyển giao từ Đảng ủy phường Thượng Thanh sang Đảng ủy phường Bồ Đề" in html
    lineage = client.get(reverse("org:lineage", args=[demo["p-bode"].pk])).content.decode()
    assert "Đảng ủy phường Thượng Thanh" in lineage
