"""The quota per grassroots organisation or per group of members with comparable tasks: the
office names the group, the decision counts the member in it, the decision screen and the round's
table show it; an exception decided with a reason is outside the count."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from dangvu.core.models import AuditEntry
from dangvu.evaluation import services
from dangvu.evaluation.enums import Grade, SubjectKind
from dangvu.evaluation.models import Evaluation, Round
from dangvu.evaluation.selectors import quota_status
from tests.evaluation.test_services import ON, walk

GROUP = "Cán bộ diện Ban Thường vụ quản lý"


def _member(round_: Round, code: str) -> Evaluation:
    return round_.evaluations.get(member__code=code)


def _cells_decided(world: Any, round_: Round) -> None:
    for cell in (world.cell1, world.cell2):
        walk(
            world,
            round_.evaluations.get(organisation=cell, subject_kind=SubjectKind.COLLECTIVE),
            80,
        )


def test_a_group_counts_apart_from_its_grassroots_organisation(world: Any, round_: Round) -> None:
    with pytest.raises(PermissionDenied):
        services.quota_group_set(
            evaluation=_member(round_, "A1-1"), group=GROUP, by=world.user("head1")
        )
    for code in ("A1-1", "A2-0"):
        services.quota_group_set(
            evaluation=_member(round_, code), group=f"  {GROUP} ", by=world.user("office")
        )
    assert _member(round_, "A1-1").quota_group == GROUP
    assert AuditEntry.objects.filter(action="evaluation.quota_group").count() == 2
    with pytest.raises(ValidationError):  # organisations are not in the quota
        services.quota_group_set(
            evaluation=round_.evaluations.get(organisation=world.cell1, member=None),
            group=GROUP,
            by=world.user("office"),
        )
    _cells_decided(world, round_)
    for code in ("A1-0", "A1-2", "A1-3", "A1-4", "A2-0"):
        walk(world, _member(round_, code), 80)  # all "good"
    candidate = walk(world, _member(round_, "A1-1"), 95, decide=False)
    # In the grassroots organisation 1 of 6 would be fine; in the group, 1 of 2 is not.
    lines = {line.name: line for line in quota_status(round_)}
    assert (lines[GROUP].excellent, lines[GROUP].good, lines[GROUP].breaks) == (1, 1, True)
    assert (lines["Đảng bộ A"].excellent, lines["Đảng bộ A"].good) == (0, 4)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.decide(evaluation=candidate, signer="L", on=ON, by=world.user("leader"))
    assert GROUP in " ".join(caught.value.messages)
    assert "Vượt tỷ lệ" in " ".join(caught.value.messages)
    assert _member(round_, "A1-1").grade == ""
    # Back to the grassroots organisation: 1 excellent of 5 good or better is within 20%.
    services.quota_group_set(evaluation=candidate, group="", by=world.user("office"))
    decided = services.decide(evaluation=candidate, signer="L", on=ON, by=world.user("leader"))
    assert decided.grade == Grade.EXCELLENT
    with pytest.raises(ValidationError):  # decided: reopen before changing the group
        services.quota_group_set(evaluation=decided, group=GROUP, by=world.user("office"))


def test_an_exception_is_outside_the_count(world: Any, round_: Round) -> None:
    _cells_decided(world, round_)
    for code in ("A1-0", "A1-2", "A1-3"):
        walk(world, _member(round_, code), 80)
    first = walk(world, _member(round_, "A2-0"), 95, decide=False)
    with pytest.raises(ValidationError):  # 1 excellent beside 3 good: over 20%
        services.decide(evaluation=first, signer="L", on=ON, by=world.user("leader"))
    services.decide(
        evaluation=first, signer="L", on=ON, by=world.user("leader"),
        quota_exception="Có thành tích đột xuất được Thành ủy khen thưởng",
    )  # fmt: skip
    walk(world, _member(round_, "A1-4"), 80)
    # The exception is outside the count: the next one is 1 excellent beside 4 good, within 20%.
    second = walk(world, _member(round_, "A1-1"), 95)
    assert second.grade == Grade.EXCELLENT
    assert second.quota_exception == ""
    assert not any(line.breaks for line in quota_status(round_))


def test_the_office_sets_the_group_on_the_page(client: Client, world: Any, round_: Round) -> None:
    evaluation = _member(round_, "A1-2")
    client.force_login(world.user("head1"))
    assert (
        'id="group-form"'
        not in client.get(f"/evaluation/subjects/{evaluation.pk}/").content.decode()
    )
    client.force_login(world.user("office"))
    page = client.get(f"/evaluation/subjects/{evaluation.pk}/").content.decode()
    assert 'id="group-form"' in page
    saved = client.post(
        f"/evaluation/subjects/{evaluation.pk}/", {"step": "group", "group-group": GROUP}
    )
    assert saved.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.quota_group == GROUP
    walk(world, evaluation, 80, decide=False)
    round_page = client.get(f"/evaluation/{round_.pk}/").content.decode()
    quota_table = round_page.split('id="quota"')[1].split("</table>")[0]
    assert GROUP in quota_table
