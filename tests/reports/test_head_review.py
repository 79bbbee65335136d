"""Issue 17, item 8 (second half): the unit head returns a contribution the reporter sent him, with
a reason the reporter reads, or edits it himself before submitting it. Authority is the policy's
`contribution.review`, asked inside the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.org.enums import Role
from dangvu.org.models import Membership
from dangvu.reports import services
from dangvu.reports.enums import ContributionStatus
from dangvu.reports.models import Contribution, Period
from tests.conftest import login
from tests.reports.conftest import contribution_of


@pytest.fixture
def sent(period: Period) -> Contribution:
    """Ban Tuyên giáo's contribution, written by the reporter and sent to the head."""
    reporter = User.objects.get(username="baocao")
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    services.contribution_save(
        contribution=contribution,
        entries={topic.pk: {"results": "Bản của báo cáo viên", "shortcomings": "", "tasks": ""}},
        values={},
        by=reporter,
    )
    return services.contribution_send_to_head(contribution=contribution, by=reporter)


@pytest.fixture
def other_head(demo: Any) -> User:
    """The head of another unit asked to contribute (Ban Tổ chức)."""
    user = User.objects.create_user(username="truongbantc", password="x")
    Membership.objects.create(user=user, organisation=demo["lb-btc"], role=Role.HEAD)
    return user


def test_head_returns_to_reporter_who_reads_the_reason(client: Any, sent: Contribution) -> None:
    login(client, "truongban")
    url = reverse("reports:contribution", args=[sent.pk])
    assert "Trả lại báo cáo viên" in client.get(url).content.decode()
    response = client.post(
        reverse("reports:return_to_reporter", args=[sent.pk]), {"reason": "Thiếu số liệu quý III"}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.return_reason) == (ContributionStatus.DRAFT, "Thiếu số liệu quý III")
    login(client, "baocao")
    page = client.get(url).content.decode()
    assert "Thủ trưởng đơn vị trả lại:" in page
    assert "Thiếu số liệu quý III" in page
    assert 'name="action" value="send"' in page  # the reporter writes and sends it again


def test_return_to_reporter_needs_a_reason_and_keeps_the_page(
    client: Any, sent: Contribution
) -> None:
    login(client, "truongban")
    response = client.post(reverse("reports:return_to_reporter", args=[sent.pk]), {"reason": ""})
    assert response.status_code == 422
    assert "Nêu lý do trả lại báo cáo viên." in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == ContributionStatus.READY


@pytest.mark.parametrize(
    ("username", "status"),
    [("baocao", 403), ("vanphong", 403), ("lanhdao", 403), ("truongbantc", 404)],
)
def test_only_the_units_head_returns_to_reporter(
    client: Any, sent: Contribution, other_head: User, username: str, status: int
) -> None:
    login(client, username)
    url = reverse("reports:return_to_reporter", args=[sent.pk])
    assert client.post(url, {"reason": "Không đạt"}).status_code == status
    page = client.get(reverse("reports:contribution", args=[sent.pk]))
    assert "Trả lại báo cáo viên" not in page.content.decode()
    sent.refresh_from_db()
    assert sent.status == ContributionStatus.READY


@pytest.mark.parametrize("username", ["baocao", "vanphong", "lanhdao", "truongbantc"])
def test_service_refuses_every_other_role(sent: Contribution, other_head: User, username: str):
    with pytest.raises(PermissionDenied):
        services.contribution_return_to_reporter(
            contribution=sent, reason="Không đạt", by=User.objects.get(username=username)
        )
    sent.refresh_from_db()
    assert sent.status == ContributionStatus.READY


def test_head_may_return_only_what_was_sent_to_him(period: Period) -> None:
    head = User.objects.get(username="truongban")
    contribution = contribution_of(period, "lb-btg")  # still being written
    with pytest.raises(ValidationError):
        services.contribution_return_to_reporter(
            contribution=contribution, reason="Không đạt", by=head
        )


def test_head_edits_then_submits(client: Any, sent: Contribution, period: Period) -> None:
    topic = period.sections.filter(role="topic").first()
    login(client, "truongban")
    url = reverse("reports:contribution", args=[sent.pk])
    page = client.get(url).content.decode()
    assert "Bản của báo cáo viên" in page  # the form, filled
    assert 'value="send"' not in page  # it is already with him
    response = client.post(url, {"action": "save", f"s{topic.pk}-results": "Bản thủ trưởng sửa"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == ContributionStatus.READY
    assert sent.entries.get(section=topic).results == "<p>Bản thủ trưởng sửa</p>"
    client.post(url, {"action": "submit", f"s{topic.pk}-results": "Bản cuối"})
    sent.refresh_from_db()
    assert sent.status == ContributionStatus.SUBMITTED
    assert sent.entries.get(section=topic).results == "<p>Bản cuối</p>"


@pytest.mark.parametrize(("username", "status"), [("baocao", 403), ("lanhdao", 403)])
def test_others_cannot_edit_what_waits_for_the_head(
    client: Any, sent: Contribution, period: Period, username: str, status: int
) -> None:
    topic = period.sections.filter(role="topic").first()
    login(client, username)
    url = reverse("reports:contribution", args=[sent.pk])
    assert 'name="action" value="save"' not in client.get(url).content.decode()
    response = client.post(url, {"action": "save", f"s{topic.pk}-results": "Sửa trộm"})
    assert response.status_code == status
    assert sent.entries.get(section=topic).results == "<p>Bản của báo cáo viên</p>"


def test_service_refuses_the_reporter_editing_what_waits_for_the_head(sent: Contribution):
    topic = sent.period.sections.filter(role="topic").first()
    with pytest.raises(PermissionDenied):
        services.contribution_save(
            contribution=sent,
            entries={topic.pk: {"results": "Sửa trộm", "shortcomings": "", "tasks": ""}},
            values={},
            by=User.objects.get(username="baocao"),
        )
