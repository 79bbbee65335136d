import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Task
from dangvu.core.models import AuditEntry
from dangvu.org.models import Organisation
from tests.assignments.conftest import CONFERENCE, make_task


def test_create_records_the_task_and_an_audit_entry(
    demo: dict[str, Organisation], office: User
) -> None:
    task = make_task(demo, by=office)
    assert task.published_at is None
    assert list(task.coordinating_units.all()) == [demo["lb-mttq"]]
    assert task.created_by == office
    entry = AuditEntry.objects.get(action="task.create", object_id=str(task.pk))
    assert entry.actor == office
    assert entry.after["coordinating_units"] == [demo["lb-mttq"].pk]


def test_units_must_exist_on_the_day_the_task_is_given(demo: dict[str, Organisation]) -> None:
    with pytest.raises(ValidationError) as error:
        make_task(demo, issued_on=dt.date(2026, 1, 5), deadline=dt.date(2026, 3, 31))
    assert "lead_unit" in error.value.error_dict
    assert Task.objects.count() == 0


def test_a_deadline_before_the_day_given_is_refused(demo: dict[str, Organisation]) -> None:
    with pytest.raises(ValidationError) as error:
        make_task(demo, deadline=dt.date(2020, 9, 1))
    assert "deadline" in error.value.error_dict


@time_machine.travel(dt.datetime(2020, 10, 1, 9, 0, tzinfo=dt.UTC))
def test_a_task_entered_by_hand_is_given_today(demo: dict[str, Organisation]) -> None:
    task = make_task(demo, issued_on=None)
    assert task.issued_on == dt.date(2020, 10, 1)
    with pytest.raises(ValidationError):
        make_task(demo, issued_on=None, deadline=CONFERENCE)


def test_update_changes_fields_and_logs_the_difference(
    demo: dict[str, Organisation], office: User
) -> None:
    task = make_task(demo, lead_unit=None, coordinating_units=[])
    services.task_update(
        task=task,
        by=office,
        content=task.content,
        source_kind=task.source_kind,
        source_reference=task.source_reference,
        issued_on=task.issued_on,
        lead_unit=demo["lb-btg"],
        coordinating_units=[demo["lb-mttq"], demo["lb-doan"]],
        deadline=task.deadline,
        deliverable=task.deliverable,
        authority=task.authority,
    )
    task.refresh_from_db()
    assert task.lead_unit == demo["lb-btg"]
    assert task.coordinating_units.count() == 2
    entry = AuditEntry.objects.get(action="task.update", object_id=str(task.pk))
    assert entry.before == {"lead_unit": None, "coordinating_units": []}


def test_publish_refuses_gaps_without_a_reason(demo: dict[str, Organisation], office: User) -> None:
    task = make_task(demo, deliverable="")
    with pytest.raises(ValidationError) as error:
        services.task_publish(task=task, by=office)
    assert "waiver_reason" in error.value.error_dict
    task.refresh_from_db()
    assert task.published_at is None


def test_publish_with_a_reason_keeps_it(demo: dict[str, Organisation], office: User) -> None:
    task = make_task(demo, deliverable="")
    published = services.task_publish(task=task, by=office, waiver_reason="Theo chỉ đạo")
    assert published.published_at is not None
    assert published.six_clear_waiver == "Theo chỉ đạo"
    assert AuditEntry.objects.filter(action="task.publish", object_id=str(task.pk)).exists()
    with pytest.raises(ValidationError):
        services.task_publish(task=published, by=office)


def test_publish_a_complete_task_needs_no_reason(
    demo: dict[str, Organisation], office: User
) -> None:
    published = services.task_publish(task=make_task(demo), by=office, waiver_reason="ignored")
    assert published.published_at is not None
    assert published.six_clear_waiver == ""
