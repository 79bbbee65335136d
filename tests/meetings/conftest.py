from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from dangvu.accounts.models import User
from dangvu.meetings import services
from dangvu.meetings.enums import ConferenceKind
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HANOI)  # type: ignore[misc]


@pytest.fixture
def office(demo: dict[str, Organisation]) -> User:
    return User.objects.get(username="vanphong")


@pytest.fixture
def conference(demo: dict[str, Organisation], office: User) -> Conference:
    """A conference of 2/10/2020 with one agenda item and two invited boards (no conclusion)."""
    conference = services.conference_create(
        committee=demo["lb-qu"],
        kind=ConferenceKind.BRIEFING,
        title="Giao ban tháng 10/2020",
        starts_at=at(2020, 10, 2, 14, 0),
        place="Phòng họp tầng 3",
        by=office,
    )
    services.agenda_item_add(conference=conference, title="Tình hình tháng 9", by=office)
    for code in ("lb-btg", "lb-btc"):
        services.invitation_add(
            conference=conference, organisation=demo[code], position_text="Trưởng ban", by=office
        )
    return conference


def next_notice(year: int = 2020) -> str:
    """The number the next notice (TB) of Quận ủy Long Biên gets in `year`: each type of
    document has its own sequence; the demo's notice takes the first TB number."""
    from django.db.models import Max

    from dangvu.documents.models import DocumentNumber

    last = DocumentNumber.objects.filter(issuer__code="lb-qu", year=year, type_code="TB").aggregate(
        m=Max("number")
    )
    return f"{(last['m'] or 0) + 1}-TB/QU"


def demo_notice() -> str:
    from dangvu.meetings.models import Conclusion

    conclusion = Conclusion.objects.get(conference__starts_at__date=dt.date(2020, 9, 11))
    return str(conclusion.number)


def held(conference: Conference, by: Any) -> Conference:
    return services.conference_mark_held(conference=conference, by=by)
