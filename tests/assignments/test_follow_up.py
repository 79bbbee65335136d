"""Completion, suspension, deadline changes, sub-tasks and progress reports through the services."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.enums import CompletionStepKind, Status
from dangvu.assignments.models import (
    CompletionStep,
    DeadlineChange,
    Evidence,
    ProgressReport,
    Task,
)
from dangvu.assignments.status import deadline_changed, task_status
from dangvu.core import policy
from dangvu.core.models import AuditEntry
from dangvu.org import services as org_services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task

pytestmark = pytest.mark.usefixtures("vi")
TODAY = dt.datetime(2021, 2, 1, 9, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n% test\n"


@pytest.fixture
def vi() -> object:
    with translation.override("vi"):
        yield


@pytest.fixture
def task(demo: dict[str, Organisation], office: User) -> Task:
    return services.task_publish(task=make_task(demo), by=office)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@time_machine.travel(TODAY)
def test_propose_accept_on_time(task: Task, reporter: User, office: User) -> None:
    services.completion_propose(task=task, by=reporter, on=dt.date(2020, 12, 20), note="Xong")
    services.completion_accept(task=task, by=office, on=dt.date(2020, 12, 28))
    task.refresh_from_db()
    assert task.completed_on == dt.date(2020, 12, 28)
    assert task.completion_proposed_on is None
    assert task.progress == 100
    assert task_status(task, dt.date(2021, 1, 5)) == Status.DONE_ON_TIME
    assert list(CompletionStep.objects.values_list("kind", flat=True)) == [
        CompletionStepKind.PROPOSED,
        CompletionStepKind.ACCEPTED,
    ]
    assert AuditEntry.objects.filter(action="task.completion_accept").count() == 1


@time_machine.travel(TODAY)
def test_accepted_after_the_deadline_is_done_late(task: Task, reporter: User) -> None:
    services.completion_propose(task=task, by=reporter, on=dt.date(2021, 1, 6))
    services.completion_accept(task=task, by=policy.SYSTEM, on=dt.date(2021, 1, 8))
    task.refresh_from_db()
    assert task_status(task, dt.date(2021, 1, 31)) == Status.DONE_LATE


@time_machine.travel(TODAY)
def test_a_non_lead_unit_cannot_propose(
    demo: dict[str, Organisation], office: User, reporter: User
) -> None:
    coordinated = services.task_publish(
        task=make_task(demo, lead_unit=demo["lb-bdv"], coordinating_units=[demo["lb-btg"]]),
        by=office,
    )
    with pytest.raises(PermissionDenied) as error:
        services.completion_propose(task=coordinated, by=reporter)
    assert str(error.value) == "Chỉ đơn vị chủ trì được đề nghị công nhận hoàn thành nhiệm vụ."
    coordinated.refresh_from_db()
    assert coordinated.completion_proposed_on is None
    assert not CompletionStep.objects.exists()


@time_machine.travel(TODAY)
def test_reporter_cannot_accept_and_return_needs_a_reason(
    task: Task, reporter: User, office: User
) -> None:
    services.completion_propose(task=task, by=reporter, on=dt.date(2020, 12, 20))
    with pytest.raises(PermissionDenied):
        services.completion_accept(task=task, by=reporter)
    with pytest.raises(ValidationError) as error:
        services.completion_return(task=task, by=office, reason=" ")
    assert "reason" in error.value.error_dict
    services.completion_return(
        task=task, by=office, reason="Thiếu sản phẩm", on=dt.date(2020, 12, 22)
    )
    task.refresh_from_db()
    assert task.completion_proposed_on is None
    assert task.completed_on is None
    with pytest.raises(ValidationError):
        services.completion_accept(task=task, by=office)


@time_machine.travel(TODAY)
def test_deadline_change_keeps_the_old_deadline(task: Task, office: User) -> None:
    change = services.deadline_change(
        task=task,
        by=office,
        new_deadline=dt.date(2021, 1, 15),
        reason="Chờ hướng dẫn của Thành ủy",
        approved_by="Thường trực Quận ủy",
        on=dt.date(2020, 12, 20),
    )
    task.refresh_from_db()
    assert change.old_deadline == dt.date(2020, 12, 31)
    assert task.deadline == dt.date(2021, 1, 15)
    assert deadline_changed(task)
    assert task_status(task, dt.date(2021, 1, 10)) == Status.DUE_SOON


@time_machine.travel(TODAY)
def test_deadline_before_the_task_was_given_is_refused(task: Task, office: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.deadline_change(
            task=task,
            by=office,
            new_deadline=dt.date(2020, 9, 1),
            reason="Sai",
            approved_by="Thường trực",
        )
    assert error.value.message_dict["new_deadline"] == [
        "Thời hạn không được trước ngày giao nhiệm vụ (11/9/2020)."
    ]
    assert not DeadlineChange.objects.exists()
    task.refresh_from_db()
    assert task.deadline == dt.date(2020, 12, 31)


@time_machine.travel(TODAY)
def test_no_completion_or_suspension_in_the_future(
    task: Task, reporter: User, office: User, vi: object
) -> None:
    """The status rule's SQL relies on it (see `status.py`): as of today, "completed on or before
    the day" is "completed"."""
    tomorrow = dt.date(2021, 2, 2)
    with pytest.raises(ValidationError) as error:
        services.completion_propose(task=task, by=reporter, on=tomorrow)
    assert "Ngày không được sau hôm nay." in str(error.value)
    services.completion_propose(task=task, by=reporter, on=dt.date(2021, 1, 30))
    with pytest.raises(ValidationError):
        services.completion_accept(task=task, by=office, on=tomorrow)
    with pytest.raises(ValidationError):
        services.task_suspend(task=task, by=office, reason="Dừng", on=tomorrow)
    task.refresh_from_db()
    assert (task.completed_on, task.suspended_on) == (None, None)


@time_machine.travel(TODAY)
def test_suspend_and_resume(task: Task, office: User, reporter: User) -> None:
    with pytest.raises(PermissionDenied):
        services.task_suspend(task=task, by=reporter, reason="x")
    services.task_suspend(task=task, by=office, reason="Dừng theo chỉ đạo", on=dt.date(2020, 11, 2))
    task.refresh_from_db()
    assert task_status(task, dt.date(2021, 1, 5)) == Status.SUSPENDED
    with pytest.raises(ValidationError):
        services.completion_propose(task=task, by=reporter)
    services.task_resume(task=task, by=office)
    task.refresh_from_db()
    assert task.suspended_on is None


@time_machine.travel(TODAY)
def test_progress_report_with_evidence(task: Task, reporter: User) -> None:
    report = services.progress_report_create(
        task=task,
        by=reporter,
        unit=task.lead_unit,  # type: ignore[arg-type]
        done="Đã xây dựng dự thảo kế hoạch",
        percent=40,
        reported_on=dt.date(2020, 10, 15),
        files=[("ke-hoach.pdf", PDF), ("du-thao.docx", docx_bytes())],
    )
    task.refresh_from_db()
    assert task.progress == 40
    assert sorted(report.evidence.values_list("kind", flat=True)) == ["docx", "pdf"]


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ", "chỉ nhận tệp PDF"),
        ("anh.png", b"MZ\x90\x00 renamed", "không thực sự là tệp PNG"),
        ("bang.xlsx", docx_bytes(), "không thực sự là tệp XLSX"),
        ("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "lớn hơn 10 MB"),
    ],
)
def test_bad_evidence_writes_nothing(
    task: Task, reporter: User, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.progress_report_create(
            task=task,
            by=reporter,
            unit=task.lead_unit,  # type: ignore[arg-type]
            done="Đã làm",
            percent=10,
            files=[("ok.pdf", PDF), (name, data)],
        )
    assert message in error.value.message_dict["files"][0]
    assert not ProgressReport.objects.exists()
    assert not Evidence.objects.exists()


@time_machine.travel(TODAY)
def test_no_report_on_a_closed_task(task: Task, reporter: User) -> None:
    services.completion_propose(task=task, by=reporter, on=dt.date(2020, 12, 1))
    services.completion_accept(task=task, by=policy.SYSTEM, on=dt.date(2020, 12, 2))
    with pytest.raises(ValidationError) as error:
        services.progress_report_create(
            task=task,
            by=reporter,
            unit=task.lead_unit,
            done="Thêm",
            percent=100,  # type: ignore[arg-type]
        )
    assert "đã đóng" in error.value.messages[0]
    assert not ProgressReport.objects.exists()


@time_machine.travel(TODAY)
def test_only_the_task_units_report(
    demo: dict[str, Organisation], task: Task, reporter: User
) -> None:
    with pytest.raises(ValidationError):
        services.progress_report_create(
            task=task, by=policy.SYSTEM, unit=demo["lb-btc"], done="Không liên quan", percent=5
        )
    with pytest.raises(PermissionDenied):
        services.progress_report_create(
            task=task, by=reporter, unit=demo["lb-mttq"], done="Thay mặt", percent=5
        )


@time_machine.travel(TODAY)
def test_subtasks_roll_up_by_weight(demo: dict[str, Organisation], office: User) -> None:
    dd = demo["lb-dd"]
    parent = services.task_publish(task=make_task(demo, lead_unit=dd), by=office)
    head = User.objects.create_user(username="bithu-dd", password="x-y-z-123456")
    org_services.membership_grant(user=head, organisation=dd, role=Role.HEAD, by=policy.SYSTEM)
    first = services.subtask_create(
        parent=parent,
        by=head,
        content="Phần công đoàn",
        lead_unit=demo["lb-dd-cd"],
        weight=3,
        deadline=dt.date(2020, 12, 15),
        on=dt.date(2020, 9, 20),
    )
    second = services.subtask_create(
        parent=parent,
        by=head,
        content="Phần đoàn thanh niên",
        lead_unit=demo["lb-dd-doan"],
        on=dt.date(2020, 9, 20),
    )
    assert first.published_at is not None
    assert first.authority == dd
    services.progress_report_create(
        task=first, by=policy.SYSTEM, unit=demo["lb-dd-cd"], done="x", percent=80
    )
    services.progress_report_create(
        task=second, by=policy.SYSTEM, unit=demo["lb-dd-doan"], done="y", percent=40
    )
    parent.refresh_from_db()
    assert parent.progress == 70  # (3 × 80 + 1 × 40) / 4
    with pytest.raises(ValidationError) as error:
        services.subtask_create(
            parent=parent, by=head, content="Ra ngoài", lead_unit=demo["lb-btg"]
        )
    assert "lead_unit" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.subtask_create(
            parent=parent,
            by=head,
            content="Quá hạn cha",
            lead_unit=demo["lb-dd-ccb"],
            deadline=dt.date(2021, 1, 31),
        )
    assert Task.objects.filter(parent=parent).count() == 2
    new_org = org_services.organisation_create(
        code="x",
        name="X",
        kind=OrgKind.OTHER,
        parent=demo["lb-btg"],
        valid_from=dt.date(2020, 1, 1),
        by=policy.SYSTEM,
    )
    with pytest.raises(PermissionDenied):
        services.subtask_create(
            parent=parent, by=User.objects.get(username="baocao"), content="z", lead_unit=new_org
        )
