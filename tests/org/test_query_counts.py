"""Query counts of the hand-over and the people import do not grow with the units stored or the
rows imported beyond a fixed cost per row (issue 11; the figures at 100–2,000 units are in
docs/benchmarks.md, `dangvu bench_org_queries`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.policy import SYSTEM
from dangvu.org import handover, imports, synthetic

pytestmark = pytest.mark.django_db


def queries(work: Any) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        result = work()
    return len(captured), result


def reorganised(prefix: str, wards: int) -> Any:
    synthetic.build_city(prefix=prefix, districts=2, wards=wards)
    payload = synthetic.reorganisation_payload(
        prefix=prefix, districts=2, wards=wards, new_wards=max(2, wards // 4)
    )
    return imports.apply_plan(payload, by=SYSTEM)["reorganisation"]


def test_the_hand_over_plan_is_a_constant_number_of_queries() -> None:
    small = reorganised("qa", 6)
    large = reorganised("qb", 30)
    count_small, plans_small = queries(lambda: handover.handover_plan(small))
    count_large, plans_large = queries(lambda: handover.handover_plan(large))
    assert (len(plans_small), len(plans_large)) == (6, 30)
    assert count_small == count_large


def people_rows(prefix: str, n: int) -> list[dict[str, str]]:
    return [
        {
            "full_name": f"Cán bộ {i}",
            "email": f"{prefix}{i}@example.org",
            "phone": "",
            "organisation": f"{prefix}-n{i % 2}",
            "title": "Văn phòng",
            "valid_from": "1/7/2025",
            "valid_to": "",
            "username": f"{prefix}-u{i}",
            "role": "reporter",
        }
        for i in range(n)
    ]


def test_the_people_import_costs_the_same_for_each_row() -> None:
    counts = []
    for prefix, n in (("qc", 2), ("qd", 4), ("qe", 6)):
        reorganised(prefix, 4)
        data = synthetic.workbook_bytes({"people": people_rows(prefix, n)})
        plan = imports.read_workbook(data, by=SYSTEM)
        assert plan.is_valid, [r.errors for r in plan.rows]
        count, result = queries(lambda plan=plan: imports.apply_plan(plan.to_payload(), by=SYSTEM))
        assert len(result["accounts"]) == n
        counts.append(count)
    assert counts[2] - counts[1] == counts[1] - counts[0]
    preview = [
        queries(
            lambda n=n: imports.read_workbook(
                synthetic.workbook_bytes({"people": people_rows("qc", n)}), by=SYSTEM
            )
        )[0]
        for n in (2, 6)
    ]
    assert preview[0] == preview[1]  # the preview reads each table once
