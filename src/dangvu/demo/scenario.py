"""The Long Biên 2020 demo scenario, told in our own words from the district portal's article of
12/9/2020 about the conference of 11/9/2020 (see docs/demo.md).

Facts from the article: the Hà Nội Party Committee, the Long Biên District Party Committee in its
term IV (2020–2025), the bodies and organisations whose heads attended, and Ngô Mạnh Điềm as
Standing Deputy Secretary. Facts of public record: districts ended on 30/6/2025 and the wards
Long Biên, Bồ Đề, Việt Hưng and Phúc Lợi took over from 1/7/2025. Everything else (the demo
accounts, start dates not given by the article) is sample data and is labelled so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from dangvu.accounts.services import user_create
from dangvu.core.policy import DEMO
from dangvu.demo import reorganisation
from dangvu.demo.chapters import Chapter, Story
from dangvu.demo.chapters import chapters as story_chapters
from dangvu.org import services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation

DEMO_PASSWORD = "dangvu-demo"  # noqa: S105 - printed for the demo on purpose

HANOI_FROM = dt.date(2004, 1, 1)  # sample: the demo records the city from the start of the district
DISTRICT_FROM = dt.date(2004, 1, 1)  # quận Long Biên took effect at the start of 2004
DISTRICT_TO = dt.date(2025, 6, 30)  # last day of the district level
WARDS_FROM = dt.date(2025, 7, 1)
TERM_IV_FROM = dt.date(2020, 7, 1)  # sample: the article only says the congress had been held


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    organisation_code: str
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("vanphong", "Cán bộ Văn phòng Quận ủy (mẫu)", Role.OFFICE, "lb-qu"),
    DemoAccount("duyetbai", "Lãnh đạo Văn phòng Quận ủy, duyệt bài (mẫu)", Role.OFFICE, "lb-qu"),
    DemoAccount("baocao", "Cán bộ tổng hợp Ban Tuyên giáo (mẫu)", Role.REPORTER, "lb-btg"),
    DemoAccount("truongban", "Trưởng ban Tuyên giáo (mẫu)", Role.HEAD, "lb-btg"),
    DemoAccount("lanhdao", "Lãnh đạo Quận ủy (mẫu)", Role.LEADER, "lb-qu"),
    DemoAccount("quantri", "Quản trị hệ thống (mẫu)", Role.ADMIN, "hn-tu", superuser=True),
    DemoAccount(
        "phuongbode", "Cán bộ tổng hợp Đảng ủy phường Bồ Đề (mẫu)", Role.REPORTER, "p-bode"
    ),
]

# (code, full name, short name, kind, issuer code) under Quận ủy Long Biên, in display order.
DISTRICT_BODIES = [
    ("lb-vp", "Văn phòng Quận ủy Long Biên", "Văn phòng Quận ủy", OrgKind.PARTY_BODY, ""),
    ("lb-btc", "Ban Tổ chức Quận ủy Long Biên", "Ban Tổ chức", OrgKind.PARTY_BODY, ""),
    ("lb-btg", "Ban Tuyên giáo Quận ủy Long Biên", "Ban Tuyên giáo", OrgKind.PARTY_BODY, ""),
    ("lb-bdv", "Ban Dân vận Quận ủy Long Biên", "Ban Dân vận", OrgKind.PARTY_BODY, ""),
    ("lb-ubkt", "Ủy ban Kiểm tra Quận ủy Long Biên", "UBKT Quận ủy", OrgKind.PARTY_BODY, ""),
    (
        "lb-ttct",
        "Trung tâm Chính trị quận Long Biên",
        "Trung tâm Chính trị",
        OrgKind.PARTY_BODY,
        "",
    ),
    ("lb-hdnd", "Hội đồng nhân dân quận Long Biên", "HĐND quận", OrgKind.STATE, ""),
    ("lb-ubnd", "Ủy ban nhân dân quận Long Biên", "UBND quận", OrgKind.STATE, ""),
    (
        "lb-mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam quận Long Biên",
        "UBMTTQ quận",
        OrgKind.FRONT,
        "",
    ),
    ("lb-hlhpn", "Hội Liên hiệp Phụ nữ quận Long Biên", "Hội LHPN quận", OrgKind.FRONT, ""),
    ("lb-doan", "Đoàn TNCS Hồ Chí Minh quận Long Biên", "Quận đoàn", OrgKind.FRONT, ""),
    ("lb-hccb", "Hội Cựu chiến binh quận Long Biên", "Hội CCB quận", OrgKind.FRONT, ""),
    ("lb-ldld", "Liên đoàn Lao động quận Long Biên", "LĐLĐ quận", OrgKind.FRONT, ""),
    (
        "lb-dukdn",
        "Đảng ủy Khối Doanh nghiệp quận Long Biên",
        "Đảng ủy Khối Doanh nghiệp",
        OrgKind.PARTY,
        "ĐU",
    ),
    (
        "lb-dd",
        "Đảng bộ cơ quan Dân - Đảng quận Long Biên",
        "Đảng bộ cơ quan Dân - Đảng",
        OrgKind.PARTY,
        "ĐU",
    ),
]
# Organisations of the Party and mass-organisation agencies (cơ quan Dân - Đảng).
AGENCY_ORGANISATIONS = [
    (
        "lb-dd-cd",
        "Công đoàn cơ quan Dân - Đảng quận Long Biên",
        "Công đoàn cơ quan Dân - Đảng",
        OrgKind.OTHER,
        "",
    ),
    (
        "lb-dd-ccb",
        "Hội Cựu chiến binh cơ quan Dân - Đảng quận Long Biên",
        "Hội CCB cơ quan Dân - Đảng",
        OrgKind.OTHER,
        "",
    ),
    (
        "lb-dd-doan",
        "Đoàn Thanh niên cơ quan Dân - Đảng quận Long Biên",
        "Đoàn TN cơ quan Dân - Đảng",
        OrgKind.OTHER,
        "",
    ),
]
# Three of the district's former ward committees, to show whole and partial succession.
OLD_WARDS = [
    (
        "lb-p-thuongthanh",
        "Đảng ủy phường Thượng Thanh",
        "Phường Thượng Thanh",
        OrgKind.PARTY,
        "ĐU",
    ),
    ("lb-p-ngoclam", "Đảng ủy phường Ngọc Lâm", "Phường Ngọc Lâm", OrgKind.PARTY, "ĐU"),
    (
        "lb-p-bode",
        "Đảng ủy phường Bồ Đề (quận Long Biên)",
        "Phường Bồ Đề (cũ)",
        OrgKind.PARTY,
        "ĐU",
    ),
]
NEW_WARDS = [
    ("p-longbien", "Đảng ủy phường Long Biên", "Phường Long Biên", OrgKind.PARTY, "ĐU"),
    ("p-bode", "Đảng ủy phường Bồ Đề", "Phường Bồ Đề", OrgKind.PARTY, "ĐU"),
    ("p-viethung", "Đảng ủy phường Việt Hưng", "Phường Việt Hưng", OrgKind.PARTY, "ĐU"),
    ("p-phucloi", "Đảng ủy phường Phúc Lợi", "Phường Phúc Lợi", OrgKind.PARTY, "ĐU"),
]


def is_loaded() -> bool:
    return Organisation.objects.exists()


def _children(
    parent: Organisation,
    rows: Sequence[tuple[str, str, str, str, str]],
    valid_from: dt.date,
    first: int = 1,
) -> dict[str, Organisation]:
    return {
        code: services.organisation_create(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            issuer_code=issuer,
            parent=parent,
            valid_from=valid_from,
            sort_order=order,
            by=DEMO,
        )
        for order, (code, name, short, kind, issuer) in enumerate(rows, start=first)
    }


@transaction.atomic
def load(*, chapters: Iterable[Chapter] | None = None) -> dict[str, Organisation]:
    """Create the scenario in an empty database; returns the organisations by code.

    The organisation tree, its 2025 reorganisation and the demo accounts always come first; then
    `chapters` in order (default: every chapter of the story, `chapters.chapters()`). Tests pass
    `chapters=()` for the tree and the accounts alone, or the one chapter they look at.
    """
    hanoi = services.organisation_create(
        code="hn-tu",
        name="Thành ủy Hà Nội",
        short_name="Thành ủy Hà Nội",
        kind=OrgKind.PARTY,
        issuer_code="TU",
        valid_from=HANOI_FROM,
        by=DEMO,
    )
    district = services.organisation_create(
        code="lb-qu",
        name="Quận ủy Long Biên",
        short_name="Quận ủy Long Biên",
        kind=OrgKind.PARTY,
        issuer_code="QU",
        parent=hanoi,
        valid_from=DISTRICT_FROM,
        sort_order=1,
        by=DEMO,
    )
    orgs = {"hn-tu": hanoi, "lb-qu": district}
    orgs |= _children(district, DISTRICT_BODIES, DISTRICT_FROM)
    orgs |= _children(orgs["lb-dd"], AGENCY_ORGANISATIONS, DISTRICT_FROM)
    orgs |= _children(district, OLD_WARDS, DISTRICT_FROM, first=100)

    term = services.term_create(
        organisation=district, number="IV", starts_on=TERM_IV_FROM, ends_on=DISTRICT_TO, by=DEMO
    )
    chair = services.person_create(full_name="Ngô Mạnh Điềm", by=DEMO)
    services.position_assign(
        person=chair,
        organisation=district,
        title="Phó Bí thư Thường trực Quận ủy",
        term=term,
        valid_from=TERM_IV_FROM,
        by=DEMO,
    )

    # 30/6/2025: the district level ends; four wards take over its area from 1/7/2025. Entered
    # as an office would: one reorganisation workbook, checked, then confirmed.
    orgs |= reorganisation.import_2025(orgs)

    accounts = {}
    for account in DEMO_ACCOUNTS:
        user = user_create(
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            email=f"{account.username}@dangvu.invalid",
            is_superuser=account.superuser,
            by=DEMO,
        )
        services.membership_grant(
            user=user, organisation=orgs[account.organisation_code], role=account.role, by=DEMO
        )
        accounts[account.username] = user

    story: Story = {"orgs": orgs, "accounts": accounts}
    for chapter in story_chapters() if chapters is None else chapters:
        chapter(story)
    return orgs
