"""The inspection's steps through the services: numbering, the order of steps and dates,
attachments, recommendations followed as tasks, discipline rules."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from dangvu.assignments.enums import Status
from dangvu.assignments.models import Task
from dangvu.assignments.services import completion_accept, completion_propose
from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.models import AuditEntry
from dangvu.documents.models import DocumentNumber
from dangvu.documents.rendering import render_docx
from dangvu.inspection import services
from dangvu.inspection.enums import DisciplineForm, InspectionState, Step, SubjectKind
from dangvu.inspection.models import Attachment, DisciplineRecord, Inspection, Recommendation
from dangvu.inspection.notice import conclusion_document, decision_document
from dangvu.inspection.selectors import recommendation_lines
from dangvu.inspection.services import RecommendationData
from tests.inspection.conftest import World, decide

PDF = b"%PDF-1.4\n% thu\n"


def conclude(world: World, inspection: Inspection, by: Any = policy.SYSTEM) -> Inspection:
    inspection = services.subject_report_record(
        inspection=inspection, on=dt.date(2024, 3, 18), note="Báo cáo tự kiểm tra", by=by,
        files=[("bao-cao.pdf", PDF)],
    )  # fmt: skip
    inspection = services.team_report_record(
        inspection=inspection, on=dt.date(2024, 5, 8), note="Báo cáo của đoàn", by=by
    )
    subject = inspection.subjects.get()
    return services.conclusion_issue(
        inspection=inspection, on=dt.date(2024, 5, 28), text="Có vi phạm trong quản lý đất đai.",
        violations=[subject.pk], by=by,
        recommendations=[
            RecommendationData(
                text="Khắc phục sai phạm, báo cáo kết quả khắc phục.", lead_unit=world.ward_a,
                deadline=dt.date(2024, 8, 31), deliverable="Báo cáo khắc phục",
                authority=world.commission,
            ),
            RecommendationData(
                text="Kiểm điểm trách nhiệm tập thể, cá nhân.", lead_unit=world.ward_a,
                deadline=dt.date(2024, 7, 31), deliverable="Biên bản kiểm điểm",
                authority=world.commission,
            ),
        ],
        signer_authority="T/M ỦY BAN KIỂM TRA", signer_title="Chủ nhiệm", signer_name="Phạm Văn Ba",
        recipients="Đảng ủy phường A\nLưu UBKT",
    )  # fmt: skip


def test_decision_numbered_from_the_commission_register(world: World) -> None:
    first = decide(world)
    second = decide(world, decided_on=dt.date(2024, 3, 2), starts_on=dt.date(2024, 3, 5))
    assert str(first.decision_number) == "1-QĐ/UBKTQU"
    assert str(second.decision_number) == "2-QĐ/UBKTQU"
    assert first.committee == world.district
    assert first.body == "commission"
    assert first.state == InspectionState.DECIDED


def test_whole_cycle_to_conclusion_and_tasks(world: World) -> None:
    inspection = conclude(world, decide(world))
    assert inspection.state == InspectionState.CONCLUDED
    assert str(inspection.conclusion_number) == "1-TB/UBKTQU"  # the register counts per kind
    assert inspection.subjects.get().violation is True
    assert Attachment.objects.get().step == Step.SUBJECT_REPORT
    followed = services.recommendations_follow(inspection=inspection, by=policy.SYSTEM)
    assert len(followed) == 2
    tasks = Task.objects.order_by("pk")
    assert [t.lead_unit for t in tasks] == [world.ward_a, world.ward_a]
    assert all(t.published_at is not None and t.authority == world.commission for t in tasks)
    assert all("1-TB/UBKTQU" in t.source_reference for t in tasks)
    assert Recommendation.objects.filter(task__isnull=False).count() == 2
    # Carried out on time or not: the second done after its deadline.
    first, second = (r.task for r in Recommendation.objects.order_by("position"))
    for task in (first, second):
        completion_propose(task=task, by=policy.SYSTEM, on=dt.date(2024, 7, 15))
        completion_accept(task=task, by=policy.SYSTEM, on=dt.date(2024, 8, 20))
    lines = recommendation_lines(Recommendation.objects.order_by("position"), dt.date(2024, 9, 1))
    assert [line.status for line in lines] == [Status.DONE_ON_TIME, Status.DONE_LATE]
    with pytest.raises(ValidationError):  # nothing left to follow
        services.recommendations_follow(inspection=inspection, by=policy.SYSTEM)
    assert Task.objects.count() == 2


def test_conclusion_notice_is_a_numbered_party_document(world: World) -> None:
    inspection = conclude(world, decide(world))
    document = Document(io.BytesIO(render_docx(conclusion_document(inspection))))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Số 1-TB/UBKTQU" in cells
    assert "QUẬN ỦY THỬ" in cells
    assert "ỦY BAN KIỂM TRA" in cells
    assert "THÔNG BÁO" in text
    assert "Khắc phục sai phạm" in text
    assert "Phạm Văn Ba" in cells


def test_a_step_before_its_predecessor_is_refused(world: World) -> None:
    inspection = decide(world)
    with pytest.raises(ValidationError) as error:
        services.team_report_record(inspection=inspection, on=dt.date(2024, 5, 8), by=policy.SYSTEM)
    assert "báo cáo của đối tượng" in str(error.value).lower() or "subject" in str(error.value)
    with pytest.raises(ValidationError):
        services.conclusion_issue(
            inspection=inspection, on=dt.date(2024, 5, 8), text="x", by=policy.SYSTEM
        )
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.DECIDED
    assert inspection.team_reported_on is None
    assert inspection.conclusion_number is None


def test_dates_out_of_order_are_refused_and_nothing_is_written(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        decide(world, ends_on=dt.date(2024, 3, 4))
    assert "ends_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        decide(world, conclusion_due=dt.date(2024, 5, 1))
    assert "conclusion_due" in error.value.error_dict
    assert not Inspection.objects.exists()
    assert not DocumentNumber.objects.exists()  # no number spent
    inspection = decide(world)
    with pytest.raises(ValidationError) as error:  # the subject's report before the decision
        services.subject_report_record(
            inspection=inspection, on=dt.date(2024, 2, 1), by=policy.SYSTEM
        )
    assert "on" in error.value.error_dict
    with pytest.raises(ValidationError):  # in the future
        services.subject_report_record(
            inspection=inspection, on=today() + dt.timedelta(days=30), by=policy.SYSTEM
        )
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.DECIDED


def test_a_bad_file_is_refused_and_the_step_not_recorded(world: World) -> None:
    inspection = decide(world)
    with pytest.raises(ValidationError) as error:
        services.subject_report_record(
            inspection=inspection, on=dt.date(2024, 3, 18), by=policy.SYSTEM,
            files=[("bao-cao.pdf", b"MZ\x90\x00 not a pdf")],
        )  # fmt: skip
    assert "files" in error.value.error_dict
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.DECIDED
    assert not Attachment.objects.exists()
    with pytest.raises(ValidationError):
        services.attachments_add(
            inspection=inspection, step=Step.CONCLUSION, files=[("a.pdf", PDF)], by=policy.SYSTEM
        )


def test_recommendation_deadline_before_conclusion_refused(world: World) -> None:
    inspection = decide(world)
    services.subject_report_record(inspection=inspection, on=dt.date(2024, 3, 18), by=policy.SYSTEM)
    services.team_report_record(inspection=inspection, on=dt.date(2024, 5, 8), by=policy.SYSTEM)
    with pytest.raises(ValidationError) as error:
        services.conclusion_issue(
            inspection=inspection, on=dt.date(2024, 5, 28), text="Kết luận", by=policy.SYSTEM,
            recommendations=[RecommendationData(
                text="Khắc phục", lead_unit=world.ward_a, deadline=dt.date(2024, 5, 1),
                deliverable="Báo cáo", authority=world.commission,
            )],
        )  # fmt: skip
    assert "recommendations" in error.value.error_dict
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.TEAM_REPORTED
    assert not Recommendation.objects.exists()
    assert DocumentNumber.objects.count() == 1  # only the decision's


def test_wrong_user_refused_before_writing(world: World) -> None:
    with pytest.raises(PermissionDenied):
        decide(world, by=world.users["ward_a_office"])
    with pytest.raises(PermissionDenied):
        decide(world, by=world.users["district_leader"])  # leaders read, they do not decide
    inspection = decide(world, by=world.users["commission"])
    with pytest.raises(PermissionDenied):
        services.subject_report_record(
            inspection=inspection, on=dt.date(2024, 3, 18), by=world.users["ward_b_office"]
        )
    # The subject's own office records its report.
    services.subject_report_record(
        inspection=inspection, on=dt.date(2024, 3, 18), by=world.users["ward_a_office"]
    )
    with pytest.raises(PermissionDenied):
        services.team_report_record(
            inspection=inspection, on=dt.date(2024, 5, 8), by=world.users["ward_a_office"]
        )
    services.team_report_record(
        inspection=inspection, on=dt.date(2024, 5, 8), by=world.users["district_office"]
    )


def test_discipline_form_must_fit_the_subject(world: World) -> None:
    base: dict[str, Any] = {
        "deciding_body": world.commission, "subject_organisation": world.ward_a,
        "violation": "Vi phạm quy định về quản lý đất đai.", "decision_reference": "05-QĐ/UBKTQU",
        "decided_on": dt.date(2024, 6, 10), "effective_on": dt.date(2024, 6, 10),
        "by": policy.SYSTEM,
    }  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.discipline_record_create(
            subject_kind=SubjectKind.ORGANISATION, form=DisciplineForm.EXPULSION, **base
        )
    assert "form" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.discipline_record_create(
            subject_kind=SubjectKind.MEMBER, form=DisciplineForm.DISSOLUTION,
            member_name="Nguyễn Văn A", **base,
        )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.discipline_record_create(
            subject_kind=SubjectKind.MEMBER, form=DisciplineForm.REPRIMAND,
            member_name="Nguyễn Văn A", **{**base, "effective_on": dt.date(2024, 6, 1)},
        )  # fmt: skip
    assert "effective_on" in error.value.error_dict
    assert not DisciplineRecord.objects.exists()
    record = services.discipline_record_create(
        subject_kind=SubjectKind.MEMBER, form=DisciplineForm.REPRIMAND, member_name="Nguyễn Văn A",
        **base,
    )  # fmt: skip
    assert record.committee == world.district
    complaint = services.complaint_lodge(
        record=record, lodged_on=dt.date(2024, 6, 20), content="Đề nghị xem xét lại.",
        by=policy.SYSTEM,
    )  # fmt: skip
    assert complaint.considered_by == world.district  # one level up from the commission
    with pytest.raises(ValidationError):
        services.complaint_decide(
            complaint=complaint, outcome="upheld", decided_on=dt.date(2024, 6, 1), by=policy.SYSTEM
        )
    services.complaint_decide(
        complaint=complaint, outcome="upheld", decided_on=dt.date(2024, 7, 1), by=policy.SYSTEM
    )
    with pytest.raises(ValidationError):
        services.complaint_decide(
            complaint=complaint,
            outcome="annulled",
            decided_on=dt.date(2024, 7, 2),
            by=policy.SYSTEM,
        )
    assert AuditEntry.objects.filter(action="complaint.decide").count() == 1


def test_decision_is_a_numbered_party_document(world: World) -> None:
    inspection = decide(world)
    document = Document(io.BytesIO(render_docx(decision_document(inspection))))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Số 1-QĐ/UBKTQU" in cells
    assert "QUYẾT ĐỊNH" in text
    assert "Nguyễn Văn Trưởng" in text
    assert "Trần Thị Một, Lê Văn Hai" in text
    assert "Đảng ủy phường A" in text
