"""The 2025 reorganisation of Long Biên, entered through the reorganisation workbook, and the
hand-over of the open work of an ended ward (Thượng Thanh) to its successors.

Facts of public record: Resolution 1656/NQ-UBTVQH15 of 16/6/2025 rearranged Hà Nội's wards from
1/7/2025; the district level ended on 30/6/2025; the wards Long Biên, Bồ Đề, Việt Hưng and Phúc
Lợi took over Long Biên; phường Bồ Đề took the whole of Ngọc Lâm and "the remainder" of the old
Bồ Đề. The other links' kinds and wordings, the clauses, and the tasks are sample data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.policy import DEMO
from dangvu.demo.chapters import Story
from dangvu.org import handover, imports, synthetic
from dangvu.org.enums import SuccessionKind
from dangvu.org.models import Organisation

DECISION = "1656/NQ-UBTVQH15"
WHOLE = "Toàn bộ diện tích tự nhiên và quy mô dân số"
PART = "Một phần diện tích tự nhiên và quy mô dân số (mẫu)"
REMAINDER = "Phần còn lại sau khi sắp xếp"


def _link(old: str, new: str, kind: str, wording: str, clause: str = "") -> dict[str, str]:
    return {
        "predecessor": old,
        "successor": new,
        "kind": kind,
        "wording": wording,
        "clause": clause,
    }


def workbook() -> bytes:
    """The act as the city office would fill the template."""
    from dangvu.demo import scenario

    payload: dict[str, Any] = {
        "act": [
            {
                "number": DECISION,
                "issued_on": "16/6/2025",
                "issuer": "Ủy ban Thường vụ Quốc hội",
                "effective_on": "1/7/2025",
                "title": "Sắp xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025",
            }
        ],
        "organisations": [
            {
                "code": code,
                "name": name,
                "short_name": short,
                "kind": str(kind),
                "issuer_code": issuer,
                "parent": "hn-tu",
                "valid_from": scenario.WARDS_FROM.isoformat(),
                "valid_to": "",
                "sort_order": str(order),
            }
            for order, (code, name, short, kind, issuer) in enumerate(scenario.NEW_WARDS, start=1)
        ],
        "updates": [{"code": "lb-qu", "close_on": scenario.DISTRICT_TO.isoformat()}],
        "links": [
            *(
                _link("lb-qu", code, SuccessionKind.PART, PART)
                for code in ("p-longbien", "p-bode", "p-viethung", "p-phucloi")
            ),
            _link("lb-p-ngoclam", "p-bode", SuccessionKind.WHOLE, WHOLE, "mẫu"),
            _link("lb-p-bode", "p-longbien", SuccessionKind.PART, PART),
            _link("lb-p-bode", "p-bode", SuccessionKind.REMAINDER, REMAINDER),
            _link("lb-p-thuongthanh", "p-bode", SuccessionKind.PART, PART),
            _link("lb-p-thuongthanh", "p-viethung", SuccessionKind.REMAINDER, REMAINDER),
        ],
        "people": [],
    }
    for row in payload["updates"]:
        row.update({k: row.get(k, "") for k in imports.UPDATE_COLUMNS})
    return synthetic.workbook_bytes(payload)


def import_2025(orgs: dict[str, Organisation]) -> dict[str, Organisation]:
    """Preview and confirm the workbook; returns the new wards by code."""
    plan = imports.read_workbook(workbook(), by=DEMO)
    if not plan.is_valid:
        errors = [f"{r.sheet} {r.number}: {e}" for r in plan.rows for e in r.errors]
        raise ValueError(f"the demo's reorganisation workbook is wrong: {errors}")
    imports.apply_plan(plan.to_payload(), by=DEMO)
    codes = [row["code"] for row in plan.to_payload()["organisations"]]
    return {o.code: o for o in Organisation.objects.filter(code__in=codes)}


# Two tasks the district gave Thượng Thanh in May 2025, still open on 30/6/2025 (sample).
THUONG_THANH_TASKS = [
    (
        "Hoàn thành rà soát, cập nhật hồ sơ đảng viên của các chi bộ trước khi sắp xếp",
        dt.date(2025, 9, 30),
        "p-bode",
    ),
    (
        "Bàn giao tài liệu, con dấu và hồ sơ lưu trữ của Đảng ủy phường",
        dt.date(2025, 10, 31),
        "p-viethung",
    ),
]


def hand_over(story: Story) -> None:
    """Chapter: the open tasks of Thượng Thanh, then the hand-over of 1/7/2025 (Thượng Thanh's
    tasks item by item to its two successors, the rest automatically)."""
    from dangvu.assignments import services as tasks
    from dangvu.org.models import Reorganisation

    orgs = story["orgs"]
    ward = orgs["lb-p-thuongthanh"]
    items = {}
    for content, deadline, successor in THUONG_THANH_TASKS:
        task = tasks.task_create(
            committee=orgs["lb-qu"],
            content=content,
            by=DEMO,
            source_reference="Công văn của Quận ủy ngày 20/5/2025 (mẫu)",
            issued_on=dt.date(2025, 5, 20),
            lead_unit=ward,
            deadline=deadline,
            deliverable="Báo cáo kết quả",
            authority=orgs["lb-qu"],
        )
        tasks.task_publish(task=task, by=DEMO, at=dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC))
        tasks.progress_report_create(
            task=task,
            by=DEMO,
            unit=ward,
            reported_on=dt.date(2025, 6, 25),
            done="Đã hoàn thành phần việc của các chi bộ khu dân cư số 1 đến số 5.",
            percent=40,
        )
        items[("task", task.pk)] = orgs[successor]
    act = Reorganisation.objects.get(number=DECISION)
    handover.handover_carry_out(act=act, by=DEMO, items=items)
    story["handed_over"] = list(items)
