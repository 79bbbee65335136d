"""Issue 10: a refused request writes nothing. A reporter's "submit" (only the head submits)
used to save the posted fields first, then answer 403, wiping what the unit had written."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.reports import services
from dangvu.reports.enums import ContributionStatus
from dangvu.reports.models import Period
from tests.conftest import login
from tests.reports.conftest import contribution_of


def test_a_reporters_refused_submit_writes_nothing(
    client: Client, period: Period, demo: Any
) -> None:
    contribution = contribution_of(period, "lb-btg")
    topics = list(period.sections.filter(role="topic"))
    assert len(topics) >= 8
    head = User.objects.get(username="truongban")
    services.contribution_save(
        contribution=contribution,
        entries={t.pk: {"results": f"<p>Kết quả {t.pk}</p>"} for t in topics},
        values={},
        by=head,
    )
    before = sorted(contribution.entries.values_list("section_id", "results"))
    assert len(before) == len(topics)
    login(client, "baocao")  # the unit's reporter: writes, but does not submit
    audit_before = AuditEntry.objects.count()
    response = client.post(
        reverse("reports:contribution", args=[contribution.pk]), {"action": "submit"}
    )
    assert response.status_code == 403
    assert sorted(contribution.entries.values_list("section_id", "results")) == before
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DRAFT
    assert AuditEntry.objects.count() == audit_before


def test_the_head_saves_and_submits_in_one_request(
    client: Client, period: Period, demo: Any
) -> None:
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    assert topic is not None
    login(client, "truongban")
    response = client.post(
        reverse("reports:contribution", args=[contribution.pk]),
        {"action": "submit", f"s{topic.pk}-results": "Đã làm"},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED
    assert "Đã làm" in contribution.entries.get(section=topic).results
