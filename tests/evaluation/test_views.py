"""The pages and the API as every role: what each may read and do, and what is refused."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook

from dangvu.evaluation import services
from dangvu.evaluation.enums import Grade, Stage, SubjectKind
from dangvu.evaluation.models import Evaluation, PartyMember, Round
from dangvu.evaluation.selectors import members_visible_to


def as_user(client: Client, world: Any, name: str) -> Client:
    client.force_login(world.user(name))
    return client


def test_a_cell_cannot_read_another_cells_members(client: Client, world: Any) -> None:
    a2 = PartyMember.objects.get(code="A2-0")
    a1 = PartyMember.objects.get(code="A1-3")
    head1 = world.user("head1")
    assert set(members_visible_to(head1).values_list("code", flat=True)) == {
        f"A1-{i}" for i in range(5)
    }
    as_user(client, world, "head1")
    assert client.get(f"/evaluation/members/{a2.pk}/").status_code == 404
    assert client.get(f"/evaluation/members/{a1.pk}/").status_code == 200
    page = client.get("/evaluation/members/").content.decode()
    assert "A1-3" in page
    assert "A2-0" not in page


def test_a_member_sees_their_own_record_only(client: Client, world: Any) -> None:
    own = PartyMember.objects.get(code="A1-1")
    other = PartyMember.objects.get(code="A1-2")
    as_user(client, world, "member")
    assert client.get(f"/evaluation/members/{own.pk}/").status_code == 200
    assert client.get(f"/evaluation/members/{other.pk}/").status_code == 404
    assert list(members_visible_to(world.user("member"))) == [own]


def test_office_and_leader_read_everyone_nobody_reads_nothing(client: Client, world: Any) -> None:
    for name in ("office", "leader"):
        assert members_visible_to(world.user(name)).count() == 6
    assert members_visible_to(world.user("nobody")).count() == 0
    as_user(client, world, "nobody")
    a2 = PartyMember.objects.get(code="A2-0")
    assert client.get(f"/evaluation/members/{a2.pk}/").status_code == 404


def test_round_pages_per_role(client: Client, world: Any, round_: Round) -> None:
    as_user(client, world, "office")
    page = client.get(f"/evaluation/{round_.pk}/")
    assert page.status_code == 200
    assert 'id="results"' in page.content.decode()
    as_user(client, world, "head2")
    page = client.get(f"/evaluation/{round_.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="results"' not in body  # a cell does not read the committee's results
    assert "Đảng viên A2 số 0" in body
    assert "Đảng viên A1 số 3" not in body
    assert client.get(f"/evaluation/{round_.pk}/results.xlsx").status_code == 403
    other = round_.evaluations.get(member__code="A1-3")
    assert client.get(f"/evaluation/subjects/{other.pk}/").status_code == 404
    as_user(client, world, "nobody")
    assert client.get(f"/evaluation/{round_.pk}/").status_code == 404


def test_round_page_query_count_does_not_grow(
    client: Client, world: Any, round_: Round, django_assert_max_num_queries: Any
) -> None:
    as_user(client, world, "office")
    client.get(f"/evaluation/{round_.pk}/")
    with django_assert_max_num_queries(20):
        assert client.get(f"/evaluation/{round_.pk}/").status_code == 200


def _self_post(evaluation: Evaluation, score_first: str) -> dict[str, str]:
    data = {"step": "self", "self-signer": "Nguyễn Văn A", "self-on": "2020-12-10"}
    for i, c in enumerate(evaluation.criteria_set.criteria.all()):
        data[f"self-score_{c.pk}"] = score_first if i == 0 else str(c.max_score)
    return data


def test_the_three_steps_through_the_pages(client: Client, world: Any, round_: Round) -> None:
    evaluation = round_.evaluations.get(
        organisation=world.cell2, subject_kind=SubjectKind.COLLECTIVE
    )
    as_user(client, world, "head2")
    refused = client.post(f"/evaluation/subjects/{evaluation.pk}/", _self_post(evaluation, "12"))
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "vượt quá điểm tối đa 10" in body
    assert 'value="12"' in body  # what was typed is kept
    evaluation.refresh_from_db()
    assert evaluation.stage == Stage.PENDING
    ok = client.post(f"/evaluation/subjects/{evaluation.pk}/", _self_post(evaluation, "8"))
    assert ok.status_code == 302
    # The leader cannot decide yet: the page offers the form, the service refuses.
    as_user(client, world, "leader")
    early = client.post(
        f"/evaluation/subjects/{evaluation.pk}/",
        {"step": "decide", "decide-signer": "L", "decide-on": "2020-12-30"},
    )
    assert early.status_code == 422
    assert "chưa thẩm định" in early.content.decode()
    as_user(client, world, "btc")
    appraised = client.post(
        f"/evaluation/subjects/{evaluation.pk}/",
        {"step": "appraise", "appraise-signer": "T", "appraise-on": "2020-12-20"},
    )
    assert appraised.status_code == 302
    as_user(client, world, "leader")
    decided = client.post(
        f"/evaluation/subjects/{evaluation.pk}/",
        {"step": "decide", "decide-signer": "L", "decide-on": "2020-12-30"},
    )
    assert decided.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.stage == Stage.DECIDED
    assert evaluation.grade == Grade.GOOD  # 98 points but the conditions for excellent not stated
    as_user(client, world, "head2")  # the subject cannot reopen
    assert (
        client.post(
            f"/evaluation/subjects/{evaluation.pk}/", {"step": "reopen", "reopen-reason": "x"}
        ).status_code
        == 403
    )


def test_member_import_previews_rows_then_writes_all(client: Client, world: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Mã đảng viên",
            "Họ và tên",
            "Năm sinh",
            "Mã chi bộ",
            "Ngày vào Đảng",
            "Chính thức/Dự bị",
            "Miễn sinh hoạt",
            "Lý do miễn",
        ]
    )
    sheet.append(["N-1", "Nguyễn Văn Mới", 1990, "x-a1", "3/2/2015", "Chính thức", "", ""])
    sheet.append(["N-2", "Lê Thị Sai", "năm", "x-zz", "hôm qua", "Dự bị", "có", ""])
    data = io.BytesIO()
    book.save(data)
    as_user(client, world, "office")
    upload = io.BytesIO(data.getvalue())
    upload.name = "dv.xlsx"
    page = client.post("/evaluation/members/import/", {"file": upload}).content.decode()
    assert "Năm sinh không hợp lệ" in page
    assert "x-zz" in page
    assert "Chưa nhập gì" in page
    assert not PartyMember.objects.filter(code__startswith="N-").exists()
    sheet.delete_rows(3)
    data = io.BytesIO()
    book.save(data)
    data.name = "dv.xlsx"
    data.seek(0)
    preview = client.post("/evaluation/members/import/", {"file": data}).content.decode()
    assert "Nhập các đảng viên này" in preview, preview
    done = client.post("/evaluation/members/import/", {"confirm": "1"})
    assert done.status_code == 302, done.content.decode()
    member = PartyMember.objects.get(code="N-1")
    assert member.placements.get().organisation == world.cell1
    assert member.joined_on == dt.date(2015, 2, 3)


def test_members_follow_a_reorganisation(world: Any) -> None:
    from dangvu.core import policy

    moved = services.members_follow_succession(
        predecessor=world.cell2, successor=world.cell1, on=dt.date(2024, 1, 1), by=policy.SYSTEM
    )
    assert moved == 1
    member = PartyMember.objects.get(code="A2-0")
    assert services.placement_on(member, dt.date(2023, 12, 31)).organisation == world.cell2
    assert services.placement_on(member, dt.date(2024, 1, 1)).organisation == world.cell1


def test_api_results_and_refusals(client: Client, world: Any, round_: Round) -> None:
    as_user(client, world, "office")
    rounds = client.get("/api/evaluation/rounds").json()
    assert [r["id"] for r in rounds] == [round_.pk]
    results = client.get(f"/api/evaluation/rounds/{round_.pk}/results").json()
    assert results["under"]["members"]["total"] == 0
    as_user(client, world, "head1")
    assert client.get(f"/api/evaluation/rounds/{round_.pk}/results").status_code == 403
    evaluation = round_.evaluations.get(member__code="A1-2")
    response = client.post(
        f"/api/evaluation/subjects/{evaluation.pk}/decide",
        {"signer": "X", "on": "2020-12-30"},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["office", "leader", "btc", "head1", "head2", "gleader", "member", "nobody"]
)
def test_every_role_gets_an_answer_on_the_round_list(
    client: Client, world: Any, round_: Round, name: str
) -> None:
    as_user(client, world, name)
    page = client.get("/evaluation/")
    assert page.status_code == 200
    assert (round_.title in page.content.decode()) == (name != "nobody")


def test_the_decision_screen_shows_a_broken_quota(
    client: Client, world: Any, round_: Round
) -> None:
    from tests.evaluation.test_services import walk

    walk(
        world,
        round_.evaluations.get(organisation=world.cell1, subject_kind=SubjectKind.COLLECTIVE),
        95,
    )
    for code in ("A1-1", "A1-2"):
        walk(world, round_.evaluations.get(member__code=code), 95, decide=False)
    as_user(client, world, "leader")
    page = client.get(f"/evaluation/subjects/{round_.evaluations.get(member__code='A1-1').pk}/")
    body = page.content.decode()
    assert 'id="quota-line"' in body
    assert "Các đề xuất vượt tỷ lệ." in body


def test_members_are_carried_through_a_reorganisation(world: Any) -> None:
    from dangvu.core import policy
    from dangvu.org import services as org_services

    org_services.organisation_close(
        organisation=world.cell2, on=dt.date(2025, 6, 30), by=policy.SYSTEM
    )
    merged = org_services.organisation_create(
        code="x-a3", name="Chi bộ A3", kind="party", parent=world.grassroots,
        valid_from=dt.date(2025, 7, 1), by=policy.SYSTEM,
    )  # fmt: skip
    org_services.succession_add(
        predecessor=world.cell2, successor=merged, kind="whole", by=policy.SYSTEM
    )
    result = services.members_follow_reorganisations(by=policy.SYSTEM, on=dt.date(2025, 7, 1))
    assert result.moved == 1
    assert result.undecided == []
    member = PartyMember.objects.get(code="A2-0")
    assert services.placement_on(member, dt.date(2025, 6, 30)).organisation == world.cell2
    assert services.placement_on(member, dt.date(2025, 7, 1)).organisation == merged
