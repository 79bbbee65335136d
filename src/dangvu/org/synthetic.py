"""A synthetic city reorganisation of the real shape (districts and wards ending, fewer new wards
taking them whole, in part or "the remainder", a ward absorbed earlier by a neighbour that
continues), for the tests and `bench_reorganisation`. Names are invented; no resolution's text.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook

from dangvu.core.text import fold
from dangvu.org import imports
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.models import Organisation

OLD_FROM = dt.date(2004, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
EFFECTIVE = dt.date(2025, 7, 1)
ABSORBED_ON = dt.date(2024, 12, 31)


def _bulk(rows: list[Organisation], parent: Organisation | None) -> list[Organisation]:
    """Create organisations fast (paths set in a second pass): for fixtures and benches only."""
    for org in rows:
        org.parent = parent
        org.name_folded = fold(org.name)
    created = Organisation.objects.bulk_create(rows, batch_size=500)
    if not created or created[0].pk is None:  # databases that return no ids
        codes = [o.code for o in rows]
        created = list(Organisation.objects.filter(code__in=codes))
    base = parent.path if parent else "/"
    for org in created:
        org.set_tree_path(base)
    Organisation.objects.bulk_update(created, ["path", "depth"], batch_size=500)
    return created


def build_city(*, prefix: str = "s", districts: int = 30, wards: int = 600) -> dict[str, Any]:
    """The city before the reorganisation: a root, `districts` district committees and `wards`
    ward committees under them (codes `{prefix}-q{n}`, `{prefix}-p{n}`), plus one ward absorbed
    on 1/1/2025 by the ward next to it (which continues)."""
    city = _bulk(
        [
            Organisation(
                code=f"{prefix}-tu",
                name=f"Thành ủy Mẫu {prefix.upper()}",
                kind=OrgKind.PARTY,
                issuer_code="TU",
                valid_from=OLD_FROM,
            )
        ],
        None,
    )[0]
    district_rows = _bulk(
        [
            Organisation(
                code=f"{prefix}-q{d}",
                name=f"Quận ủy Mẫu {d}",
                kind=OrgKind.PARTY,
                issuer_code="QU",
                valid_from=OLD_FROM,
                sort_order=d,
            )
            for d in range(districts)
        ],
        city,
    )
    ward_rows: list[Organisation] = []
    per = max(1, wards // districts)
    for d, district in enumerate(district_rows):
        count = per if d < districts - 1 else wards - per * (districts - 1)
        start = d * per
        ward_rows += _bulk(
            [
                Organisation(
                    code=f"{prefix}-p{start + i}",
                    name=f"Đảng ủy phường Cũ Số {start + i}",
                    kind=OrgKind.PARTY,
                    issuer_code="ĐU",
                    valid_from=OLD_FROM,
                    sort_order=i,
                )
                for i in range(count)
            ],
            district,
        )
    absorbed = _bulk(
        [
            Organisation(
                code=f"{prefix}-p-absorbed",
                name="Đảng ủy phường Sáp Nhập Sớm",
                kind=OrgKind.PARTY,
                issuer_code="ĐU",
                valid_from=OLD_FROM,
                valid_to=ABSORBED_ON,
                sort_order=999,
            )
        ],
        district_rows[0],
    )[0]
    from dangvu.org.models import Succession

    Succession.objects.create(
        predecessor=absorbed,
        successor=ward_rows[0],
        kind=SuccessionKind.ABSORBED,
        wording="Nhập toàn bộ vào phường liền kề",
    )
    return {"city": city, "districts": district_rows, "wards": ward_rows, "absorbed": absorbed}


def reorganisation_payload(
    *, prefix: str = "s", districts: int = 30, wards: int = 600, new_wards: int = 130
) -> dict[str, Any]:
    """The act in the import's payload form (`imports.apply_plan`'s input before checking):
    `new_wards` created under the city from 1/7/2025; districts closed on 30/6/2025 (their wards
    with them); every even old ward taken whole, every odd one split: a part to one new ward,
    the remainder to the next. 600 wards give 900 links."""
    create = [
        {
            "code": f"{prefix}-n{n}",
            "name": f"Đảng ủy phường Mới Số {n}",
            "short_name": "",
            "kind": "party",
            "issuer_code": "ĐU",
            "parent": f"{prefix}-tu",
            "valid_from": EFFECTIVE.isoformat(),
            "valid_to": "",
            "sort_order": str(n + 1),
        }
        for n in range(new_wards)
    ]
    update = [
        {
            "code": f"{prefix}-q{d}",
            "name": "",
            "short_name": "",
            "kind": "",
            "issuer_code": "",
            "sort_order": "",
            "close_on": LAST_DAY.isoformat(),
        }
        for d in range(districts)
    ]
    links = []
    for i in range(wards):
        target = i * new_wards // wards
        old = f"{prefix}-p{i}"
        if i % 2 == 0:
            links.append(
                {
                    "predecessor": old,
                    "successor": f"{prefix}-n{target}",
                    "kind": SuccessionKind.WHOLE.value,
                    "wording": "Toàn bộ diện tích tự nhiên và quy mô dân số",
                    "clause": str(target + 1),
                }
            )
        else:
            following = min(target + 1, new_wards - 1) if target + 1 < new_wards else target - 1
            links.append(
                {
                    "predecessor": old,
                    "successor": f"{prefix}-n{target}",
                    "kind": SuccessionKind.PART.value,
                    "wording": "Một phần diện tích tự nhiên và quy mô dân số",
                    "clause": str(target + 1),
                }
            )
            links.append(
                {
                    "predecessor": old,
                    "successor": f"{prefix}-n{following}",
                    "kind": SuccessionKind.REMAINDER.value,
                    "wording": "Phần còn lại sau khi sắp xếp",
                    "clause": str(following + 1),
                }
            )
    return {
        "act": [
            {
                "number": f"{prefix.upper()}-1656/NQ-MAU",
                "issued_on": dt.date(2025, 6, 16).isoformat(),
                "issuer": "Cơ quan ban hành mẫu",
                "effective_on": EFFECTIVE.isoformat(),
                "title": "Sắp xếp đơn vị hành chính cấp xã (mẫu)",
            }
        ],
        "organisations": create,
        "updates": update,
        "links": links,
        "people": [],
    }


def workbook_bytes(payload: dict[str, Any]) -> bytes:
    """The payload as the import workbook (the sheets and headings of `imports`)."""
    book = Workbook()
    book.remove(book.active)
    sheets = [
        (imports.ACT_SHEET, imports.ACT_COLUMNS, payload.get("act", [])),
        (imports.ORG_SHEET, imports.ORG_COLUMNS, payload.get("organisations", [])),
        (imports.UPDATE_SHEET, imports.UPDATE_COLUMNS, payload.get("updates", [])),
        (imports.LINK_SHEET, imports.LINK_COLUMNS, payload.get("links", [])),
        (imports.PEOPLE_SHEET, imports.PEOPLE_COLUMNS, payload.get("people", [])),
        (imports.ROLE_SHEET, imports.ROLE_COLUMNS, payload.get("roles", [])),
    ]
    for title, columns, rows in sheets:
        if not rows:
            continue
        sheet = book.create_sheet(title)
        sheet.append(list(columns.values()))
        for row in rows:
            sheet.append([row.get(key, "") for key in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
