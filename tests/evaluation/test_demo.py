"""The demo's chapter 4: the Long Biên 2020 round through all three steps."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from dangvu.evaluation.enums import Grade, Stage
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import quota_status, rollup
from dangvu.org.models import Organisation
from dangvu.reports.models import IndicatorValue


def test_demo_round_is_decided_issued_and_fills_the_report(
    demo: dict[str, Organisation], client: Client
) -> None:
    round_ = Round.objects.get(committee=demo["lb-qu"], year=2020)
    assert not round_.evaluations.exclude(stage=Stage.DECIDED).exists()
    assert str(round_.decision_number) == "1-QĐ/QU"
    assert bytes(round_.decision_docx)[:2] == b"PK"
    # The quota fired once: the second proposed "excellent" of the Đảng bộ cơ quan Dân - Đảng.
    refused = round_.evaluations.get(member__code="LB-DD-03")
    assert refused.proposed_grade == Grade.EXCELLENT
    assert refused.grade == Grade.GOOD
    assert "Vượt tỷ lệ" in refused.decision_note
    assert not any(line.breaks for line in quota_status(round_))
    figures = rollup(round_)
    assert figures.total.members.counts[Grade.EXCELLENT] == 1
    assert figures.total.members.total == 10
    assert figures.total.organisations.total == 4
    values = dict(
        IndicatorValue.objects.filter(
            indicator__period__year=2020, indicator__period__kind="year"
        ).values_list("indicator__name", "value")
    )
    assert values["Đảng viên hoàn thành xuất sắc nhiệm vụ"] == Decimal(1)
    assert values["Đảng viên hoàn thành tốt nhiệm vụ"] == Decimal(
        figures.total.members.counts[Grade.GOOD]
    )
    # The member reads their own record with the demo password, and only theirs.
    assert client.login(username="dangvien", password="dangvu-demo")
    page = client.get("/evaluation/members/").content.decode()
    assert "LB-DD-02" in page
    assert "LB-DD-03" not in page
