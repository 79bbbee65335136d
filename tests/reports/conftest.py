from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.org.models import Organisation
from dangvu.reports import services
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import Contribution, Period

UNITS = ["lb-btg", "lb-btc", "lb-mttq"]


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts without its story chapters: no period yet (the
    reports chapter has its own test)."""
    return demo_tree


@pytest.fixture
def office(demo: dict[str, Organisation]) -> User:
    return User.objects.get(username="vanphong")


@pytest.fixture
def period(demo: dict[str, Organisation], office: User) -> Period:
    period = services.period_create(
        committee=demo["lb-qu"],
        kind=PeriodKind.NINE_MONTHS,
        year=2020,
        due_on=dt.date(2020, 9, 5),
        by=office,
    )
    services.contributions_request(period=period, units=[demo[c] for c in UNITS], by=office)
    return period


def contribution_of(period: Period, code: str) -> Contribution:
    return period.contributions.select_related("unit", "period").get(unit__code=code)


def write_and_accept(period: Period, code: str, text: str, values: dict[str, Any]) -> Contribution:
    """Fill a contribution's first topic and the named indicators, submit it and accept it."""
    office = User.objects.get(username="vanphong")
    contribution = contribution_of(period, code)
    topic = period.sections.filter(role="topic").first()
    assert topic is not None
    indicators = {i.name: i.pk for i in period.indicators.all()}
    services.contribution_save(
        contribution=contribution,
        entries={topic.pk: {"results": text, "shortcomings": f"Hạn chế của {code}", "tasks": ""}},
        values={indicators[name]: value for name, value in values.items()},
        by=policy.SYSTEM,  # the unit's work, not the office's
    )
    contribution = services.contribution_submit(contribution=contribution, by=policy.SYSTEM)
    return services.contribution_accept(contribution=contribution, by=office)


@pytest.fixture
def docx_bytes() -> Any:
    """Make a small DOCX: ("h", heading) and ("p", paragraph) items."""
    import io

    import docx

    def make(items: list[tuple[str, str]]) -> bytes:
        document = docx.Document()
        for kind, text in items:
            if kind == "h":
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return make
