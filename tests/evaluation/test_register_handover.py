"""The register is carried through a reorganisation by the tree's own hand-over
(`org.handover.handover_carry_out`): members placed in an ended cell pass to the successor its
work goes to, from the effective day, their history kept; a split cell's members wait for the
office's choice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.evaluation import services
from dangvu.evaluation.models import MemberPlacement, PartyMember
from dangvu.org import handover
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, SuccessionKind

LAST = dt.date(2025, 6, 30)
EFFECTIVE = dt.date(2025, 7, 1)


@pytest.fixture
def act(world: Any) -> Any:
    """Chi bộ A1 merges whole into the new Chi bộ A3; Chi bộ A2 splits between A3 and A4."""
    made = org_services.reorganisation_create(
        number="15/QĐ-ĐU", issued_on=dt.date(2025, 6, 16), issuer="Đảng ủy A",
        effective_on=EFFECTIVE, by=SYSTEM,
    )  # fmt: skip
    for cell in (world.cell1, world.cell2):
        org_services.organisation_close(organisation=cell, on=LAST, reorganisation=made, by=SYSTEM)
    world.cell3, world.cell4 = (
        org_services.organisation_create(
            code=code,
            name=name,
            kind=OrgKind.PARTY,
            parent=world.grassroots,
            valid_from=EFFECTIVE,
            by=SYSTEM,
        )
        for code, name in (("x-a3", "Chi bộ A3"), ("x-a4", "Chi bộ A4"))
    )
    for pred, succ, kind in (
        (world.cell1, world.cell3, SuccessionKind.WHOLE),
        (world.cell2, world.cell3, SuccessionKind.PART),
        (world.cell2, world.cell4, SuccessionKind.REMAINDER),
    ):
        org_services.succession_add(
            predecessor=pred, successor=succ, kind=kind, reorganisation=made, by=SYSTEM
        )
    return made


def test_members_go_with_their_cell_and_a_split_cell_waits_for_a_choice(
    world: Any, act: Any
) -> None:
    counts = handover.handover_carry_out(act=act, by=SYSTEM)
    assert counts["members"] == 5  # Chi bộ A1's five members; A2 is split: nobody chose yet
    for i in range(5):
        member = PartyMember.objects.get(code=f"A1-{i}")
        assert services.placement_on(member, LAST).organisation == world.cell1  # type: ignore[union-attr]
        assert services.placement_on(member, EFFECTIVE).organisation == world.cell3  # type: ignore[union-attr]
    waiting = PartyMember.objects.get(code="A2-0")
    assert waiting.placements.get(valid_to__isnull=True).organisation == world.cell2

    counts = handover.handover_carry_out(
        act=act, by=SYSTEM, bulk={world.cell2.pk: world.cell4}, only_unit=world.cell2
    )
    assert counts["members"] == 1
    assert services.placement_on(waiting, EFFECTIVE).organisation == world.cell4  # type: ignore[union-attr]
    assert services.placement_on(waiting, LAST).organisation == world.cell2  # type: ignore[union-attr]
    entry = AuditEntry.objects.filter(action="reorganisation.handover").latest("pk")
    assert entry.after["members"] == 1
    # A round as of a day after the reorganisation finds every member in the new cells.
    later = services.round_create(
        committee=world.committee, kind="year", year=2025, title="Năm 2025",
        starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31), by=SYSTEM,
    )  # fmt: skip
    services.round_add_subjects(round=later, by=SYSTEM)
    assert set(
        later.evaluations.exclude(member=None).values_list("organisation__code", flat=True)
    ) == {"x-a3", "x-a4"}


def test_a_successor_that_is_not_one_is_refused_and_nobody_moves(world: Any, act: Any) -> None:
    before = list(MemberPlacement.objects.values_list("pk", "organisation_id", "valid_to"))
    with pytest.raises(ValidationError):
        handover.handover_carry_out(
            act=act, by=SYSTEM, bulk={world.cell2.pk: world.btc}, only_unit=world.cell2
        )
    assert list(MemberPlacement.objects.values_list("pk", "organisation_id", "valid_to")) == before
