"""What a round gives out beyond its pages: the decision as PDF (converted by the worker), the
period report's indicators filled from the round through the page, the task-result part proposed
from the follow-up, and the audit trail of the three steps."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation
from docx import Document

from dangvu.assignments import services as tasks
from dangvu.assignments.models import Task
from dangvu.core.models import AuditEntry, BackgroundJob
from dangvu.core.policy import SYSTEM
from dangvu.evaluation import services
from dangvu.evaluation.decision import decision_document, decision_docx
from dangvu.evaluation.enums import Grade, SubjectKind
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import REPORT_INDICATORS, report_indicators_text, task_results
from dangvu.org.models import Organisation
from dangvu.reports import services as report_services
from dangvu.reports.models import IndicatorValue
from tests.evaluation.test_exports import decide_all
from tests.evaluation.test_services import walk


def test_the_decision_as_pdf_goes_to_the_worker(client: Client, world: Any, round_: Round) -> None:
    client.force_login(world.user("office"))
    page = client.get(f"/evaluation/{round_.pk}/").content.decode()
    assert f"/evaluation/{round_.pk}/decision.pdf" in page
    response = client.get(f"/evaluation/{round_.pk}/decision.pdf")
    assert response.status_code == 302
    job = BackgroundJob.objects.get(pk=int(response["Location"].split("/")[2]))
    assert job.kind == "documents.pdf"
    assert job.params["pdf_name"] == f"quyet-dinh-{round_.pk}.pdf"
    assert bytes(job.file_data)[:2] == b"PK"  # the DOCX the worker converts
    # A cell's head does not read the committee's decision.
    client.force_login(world.user("head1"))
    assert client.get(f"/evaluation/{round_.pk}/decision.pdf").status_code == 403
    assert BackgroundJob.objects.count() == 1  # nothing queued for the refused one


def _period(world: Any, indicators: str, *, ask_btc: bool = True) -> Any:
    """A year-end report of the committee; the office asks Ban Tổ chức for its contribution."""
    period = report_services.period_create(
        committee=world.committee, kind="year", year=2020, due_on=dt.date(2020, 12, 15),
        indicators_text=indicators, by=SYSTEM,
    )  # fmt: skip
    if ask_btc:
        report_services.contributions_request(period=period, units=[world.btc], by=SYSTEM)
    return period


def test_the_advising_body_fills_the_report_from_the_round_page(
    client: Client, world: Any, round_: Round
) -> None:
    decide_all(world, round_)  # 3 organisations and 6 members, all "good"
    period = _period(world, report_indicators_text())
    client.force_login(world.user("btc"))
    page = client.get(f"/evaluation/{round_.pk}/").content.decode()
    assert 'id="fill-report"' in page
    assert period.title in page
    done = client.post(f"/evaluation/{round_.pk}/report/", {"period": period.pk}, follow=True)
    said = [str(m) for m in done.context["messages"]]
    assert any("8 chỉ tiêu" in m for m in said), said
    values = dict(
        IndicatorValue.objects.filter(indicator__period=period).values_list(
            "indicator__name", "value"
        )
    )
    assert values["Tổ chức đảng hoàn thành tốt nhiệm vụ"] == Decimal(3)
    assert values["Đảng viên hoàn thành tốt nhiệm vụ"] == Decimal(6)
    assert values["Đảng viên hoàn thành xuất sắc nhiệm vụ"] == Decimal(0)
    assert len(values) == len(REPORT_INDICATORS)
    assert (
        IndicatorValue.objects.get(
            indicator__name="Đảng viên hoàn thành tốt nhiệm vụ"
        ).contribution.unit
        == world.btc
    )


def test_filling_a_report_is_refused_with_a_reason_and_writes_nothing(
    client: Client, world: Any, round_: Round
) -> None:
    bare = _period(world, "Số đảng viên mới kết nạp | đồng chí\n")
    client.force_login(world.user("btc"))
    done = client.post(f"/evaluation/{round_.pk}/report/", {"period": bare.pk}, follow=True)
    assert not IndicatorValue.objects.filter(indicator__period=bare).exists()
    # The form offers only what the user may fill; the service says why the rest is refused.
    assert "chưa có chỉ tiêu đánh giá" in " ".join(services_messages(world, round_, bare, "btc"))
    unasked = _period(world, report_indicators_text(), ask_btc=False)
    assert "chưa đề nghị Ban Tổ chức Quận ủy X" in " ".join(
        services_messages(world, round_, unasked, "btc")
    )
    asked = _period(world, report_indicators_text())
    # The office does not write the advising body's contribution; a cell's head fills nothing.
    for name in ("office", "head1"):
        client.force_login(world.user(name))
        assert 'id="fill-report"' not in client.get(f"/evaluation/{round_.pk}/").content.decode()
        client.post(f"/evaluation/{round_.pk}/report/", {"period": asked.pk})
        with pytest.raises(PermissionDenied):
            services.round_fill_report(round=round_, period=asked, by=world.user(name))
    assert not IndicatorValue.objects.exists()
    assert done.status_code == 200


def services_messages(world: Any, round_: Round, period: Any, name: str) -> list[str]:
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.round_fill_report(round=round_, period=period, by=world.user(name))
    return caught.value.messages


def _task(world: Any, lead: Organisation, content: str, deadline: dt.date) -> Task:
    made = tasks.task_create(
        committee=world.committee, content=content, by=SYSTEM, issued_on=dt.date(2020, 1, 15),
        lead_unit=lead, deadline=deadline, deliverable="Báo cáo", authority=world.committee,
    )  # fmt: skip
    return tasks.task_publish(task=made, by=SYSTEM, waiver_reason="Thử")


def _done(task: Task, on: dt.date) -> None:
    tasks.completion_propose(task=task, by=SYSTEM, on=on)
    tasks.completion_accept(task=task, by=SYSTEM, on=on)


def test_task_results_are_proposed_from_the_follow_up_beside_the_claim(
    client: Client, world: Any, round_: Round
) -> None:
    on_time = _task(world, world.cell2, "Rà soát hồ sơ đảng viên", dt.date(2020, 6, 30))
    _done(on_time, dt.date(2020, 6, 20))
    late = _task(world, world.cell2, "Tổng kết công tác dân vận", dt.date(2020, 5, 31))
    _done(late, dt.date(2020, 7, 10))
    _task(world, world.cell2, "Kiểm tra chi hội", dt.date(2020, 9, 30))  # overdue on 31/12
    _task(world, world.cell1, "Việc của chi bộ khác", dt.date(2020, 9, 30))
    _task(world, world.cell2, "Việc năm sau", dt.date(2021, 3, 31))  # outside the period
    evaluation = round_.evaluations.get(
        organisation=world.cell2, subject_kind=SubjectKind.COLLECTIVE
    )
    found = task_results(evaluation)
    assert found is not None
    assert (found.total, found.on_time, found.late, found.overdue) == (3, 1, 1, 1)
    assert found.results_max == Decimal(70)
    assert found.proposed_points == Decimal("35.00")  # 70 × (1 + ½) ÷ 3
    assert not found.all_on_time
    # The grassroots organisation counts its cells' tasks too; a member has none of their own.
    above = round_.evaluations.get(
        organisation=world.grassroots, subject_kind=SubjectKind.COLLECTIVE
    )
    assert task_results(above).total == 4  # type: ignore[union-attr]
    assert task_results(round_.evaluations.get(member__code="A2-0")) is None
    # The page shows the proposal beside what the unit claims.
    walk(world, evaluation, 90, decide=False)
    client.force_login(world.user("leader"))
    page = client.get(f"/evaluation/subjects/{evaluation.pk}/").content.decode()
    section = page.split('id="task-results"')[1].split("</section>")[0]
    assert "35" in section
    assert "60" in section  # claimed: 70 task-result points less the 10 taken off for 90
    # The unit stated "every task on time" (walk's conditions): the follow-up says otherwise.
    assert 'id="tasks-claim"' in section
    assert "1 hoàn thành quá hạn và 1 quá hạn" in section


def test_each_step_leaves_a_signed_dated_audit_entry(world: Any, round_: Round) -> None:
    evaluation = round_.evaluations.get(
        organisation=world.cell2, subject_kind=SubjectKind.COLLECTIVE
    )
    walk(world, evaluation, 80)
    entries = list(
        AuditEntry.objects.filter(
            action__in=["evaluation.self_assess", "evaluation.appraise", "evaluation.decide"]
        ).order_by("pk")
    )
    assert [e.action for e in entries] == [
        "evaluation.self_assess",
        "evaluation.appraise",
        "evaluation.decide",
    ]
    assert [e.actor_id for e in entries] == [
        world.users["head2"].pk,
        world.users["btc"].pk,
        world.users["leader"].pk,
    ]
    assert entries[0].after["self_signer"] == "Nguyễn Văn Tự"
    assert entries[2].after["grade"] == Grade.GOOD
    assert entries[2].after["decided_on"] == "2020-12-20"
    services.reopen(evaluation=evaluation, reason="Sai sót khi tổng hợp", by=world.user("leader"))
    reopened = AuditEntry.objects.get(action="evaluation.reopen")
    assert reopened.before["grade"] == Grade.GOOD
    assert reopened.after["reason"] == "Sai sót khi tổng hợp"


def test_rounds_of_every_kind(world: Any) -> None:
    kinds = [
        ("term", None, "Nhiệm kỳ 2020-2025", dt.date(2020, 10, 1), dt.date(2025, 9, 30)),
        ("quarter", 2, "Quý II/2021", dt.date(2021, 4, 1), dt.date(2021, 6, 30)),
        ("ad_hoc", None, "Khi cần thiết", dt.date(2021, 3, 1), dt.date(2021, 8, 31)),
        ("year", None, "Năm 2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ]
    for kind, number, title, starts_on, ends_on in kinds:
        made = services.round_create(
            committee=world.committee, kind=kind, number=number, year=ends_on.year, title=title,
            starts_on=starts_on, ends_on=ends_on, advising_body=world.btc, by=world.user("office"),
        )  # fmt: skip
        assert services.round_add_subjects(round=made, by=world.user("office")) == 9
        assert made.evaluations.filter(subject_kind=SubjectKind.COLLECTIVE).count() == 3


def test_the_decision_names_the_round_once_and_carries_its_summary_as_annex(
    world: Any, round_: Round
) -> None:
    round_.title = "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2020"
    document = decision_document(
        round_, number=7, on=dt.date(2021, 1, 12), signer_title="Bí thư", signer_name="A"
    )
    assert document.summary == (
        "về việc công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2020"
    )
    assert document.annex_note == (
        "(Kèm theo Quyết định số 7-QĐ/QU, ngày 12/01/2021 của Ban Thường vụ Quận ủy X)"
    )
    rows = document.annex[0].rows
    assert rows[0][:3] == ["Đơn vị", "Đối tượng", "Tổng số"]
    assert rows[-1] == ["Tổng cộng", "Đảng viên", "0", *["0 (0,0%)"] * 4]
    text = [p.text for p in Document(io.BytesIO(decision_docx(document))).paragraphs]
    assert "PHỤ LỤC" in text
    assert document.annex_note in text


def test_a_collective_reopens_only_after_the_decisions_resting_on_it(
    world: Any, round_: Round
) -> None:
    cell1 = round_.evaluations.get(organisation=world.cell1, member=None)
    above = round_.evaluations.get(organisation=world.grassroots, member=None)
    walk(world, cell1, 80)
    walk(world, round_.evaluations.get(organisation=world.cell2, member=None), 80)
    walk(world, above, 80)
    head = walk(world, round_.evaluations.get(member__code="A1-0"), 75)
    leader = world.user("leader")
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.reopen(evaluation=cell1, reason="Sai sót", by=leader)
    assert "Đảng bộ A" in " ".join(caught.value.messages)
    services.reopen(evaluation=above, reason="Sai sót", by=leader)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.reopen(evaluation=cell1, reason="Sai sót", by=leader)
    assert "Đảng viên A1 số 0" in " ".join(caught.value.messages)
    cell1.refresh_from_db()
    assert cell1.grade == Grade.GOOD  # nothing changed on a refusal
    services.reopen(evaluation=head, reason="Sai sót", by=leader)
    reopened = services.reopen(evaluation=cell1, reason="Sai sót", by=leader)
    assert reopened.grade == ""
