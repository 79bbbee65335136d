"""Conference rules: states, attendance, minutes revisions, the conclusion, the notice, tasks."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from docx import Document

from dangvu.accounts.models import User
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.models import AuditEntry
from dangvu.documents.models import DocumentNumber
from dangvu.meetings import services
from dangvu.meetings.enums import Attendance, ConferenceState, OutcomeKind
from dangvu.meetings.models import Conclusion, ConclusionItem, Conference, Invitation
from dangvu.meetings.selectors import attendance_counts
from dangvu.notifications import outbox
from dangvu.org import services as org_services
from dangvu.org.models import Organisation
from tests.meetings.conftest import at, held, next_notice


def write_outcome(conference: Conference, by: User) -> None:
    for item in conference.agenda.all():
        services.minutes_record(
            item=item,
            discussion="Thảo luận",
            outcome_kind=OutcomeKind.INFORMATION,
            outcome="Hội nghị nghe báo cáo.",
            by=by,
        )


def conclude(conference: Conference, by: User) -> Conclusion:
    return services.conclusion_write(
        conference=conference,
        preamble="Đồng chí chủ trì kết luận:",
        items=services.parse_items(
            "1. Hoàn thành quy chế làm việc.\n"
            "2. Tổng kết công tác năm:\n"
            "a) Ban Tổ chức đánh giá đảng viên;\n"
            "b) Văn phòng tổng hợp báo cáo.\n"
        ),
        by=by,
    )


def issue(conclusion: Conclusion, by: User, **kwargs: object) -> Conclusion:
    values: dict[str, object] = {
        "signer_authority": "T/L BAN THƯỜNG VỤ",
        "signer_title": "Chánh Văn phòng",
        "signer_name": "Nguyễn Văn Mẫu",
        "recipients": ["Các ban xây dựng Đảng", "Lưu VP."],
        "issued_on": dt.date(2020, 10, 3),
    }
    values.update(kwargs)
    return services.notice_issue(conclusion=conclusion, by=by, **values)  # type: ignore[arg-type]


def test_state_moves_planned_held_closed(conference: Conference, office: User) -> None:
    assert conference.state == ConferenceState.PLANNED
    held(conference, office)
    write_outcome(conference, office)
    services.conference_close(conference=conference, by=office)
    conference.refresh_from_db()
    assert conference.state == ConferenceState.CLOSED
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"conference.held", "conference.closed"} <= actions


def test_closing_with_an_item_without_outcome_is_refused(
    conference: Conference, office: User
) -> None:
    held(conference, office)
    with pytest.raises(ValidationError) as error:
        services.conference_close(conference=conference, by=office)
    assert "chưa có kết quả" in error.value.messages[0]
    assert "Tình hình tháng 9" in error.value.messages[0]
    conference.refresh_from_db()
    assert conference.state == ConferenceState.HELD


def test_a_planned_conference_cannot_be_closed(conference: Conference, office: User) -> None:
    with pytest.raises(ValidationError):
        services.conference_close(conference=conference, by=office)


def test_conference_of_a_committee_that_did_not_exist_is_refused(
    demo: dict[str, Organisation], office: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.conference_create(
            committee=demo["lb-qu"],
            kind="briefing",
            title="Giao ban",
            starts_at=at(2026, 1, 5, 8, 0),
            by=office,
        )
    assert "không tồn tại" in str(error.value)
    assert not Conference.objects.filter(starts_at__year=2026).exists()


def test_attendee_from_outside_the_committee_is_refused(
    conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.invitation_add(conference=conference, organisation=demo["hn-tu"], by=office)
    assert "không thuộc Quận ủy Long Biên" in str(error.value)
    outsider = org_services.person_create(full_name="Trần Văn Ngoài", by=policy.SYSTEM)
    with pytest.raises(ValidationError) as error:
        services.invitation_add(conference=conference, person=outsider, by=office)
    assert "không giữ chức vụ" in str(error.value)
    assert conference.invitations.count() == 2


def test_the_same_organisation_is_invited_once(
    conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.invitation_add(conference=conference, organisation=demo["lb-btg"], by=office)
    assert "đã được mời" in str(error.value)


def test_attendance_counts_per_category(conference: Conference, office: User) -> None:
    held(conference, office)
    btg, btc = conference.invitations.order_by("pk")
    services.attendance_record(
        conference=conference,
        attendance={btg.pk: Attendance.PRESENT, btc.pk: Attendance.EXCUSED},
        by=office,
    )
    counts = attendance_counts(conference)
    assert counts == {"unknown": 0, "present": 1, "excused": 1, "absent": 0}


def test_attendance_for_another_conference_is_refused(conference: Conference, office: User) -> None:
    held(conference, office)
    other = Invitation.objects.exclude(conference=conference).first()
    assert other is not None  # an invitation of the demo conference
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            conference=conference,
            attendance={other.pk: Attendance.ABSENT, conference.invitations.first().pk: "present"},
            by=office,
        )
    assert "không thuộc hội nghị này" in str(error.value)
    other.refresh_from_db()
    assert other.attendance == Attendance.PRESENT
    assert not conference.invitations.exclude(attendance=Attendance.UNKNOWN).exists()


def test_minutes_keep_every_revision(conference: Conference, office: User) -> None:
    held(conference, office)
    item = conference.agenda.get()
    services.minutes_record(
        item=item, discussion="Lần 1", outcome_kind="information", outcome="A", by=office
    )
    services.minutes_record(
        item=item, discussion="Lần 2", outcome_kind="decision", outcome="B", by=office
    )
    item.refresh_from_db()
    # kept as rich text: plain lines become paragraphs
    assert (item.discussion, item.outcome_kind, item.outcome) == (
        "<p>Lần 2</p>",
        "decision",
        "<p>B</p>",
    )
    revisions = list(item.revisions.order_by("pk"))
    assert [r.outcome for r in revisions] == ["<p>A</p>", "<p>B</p>"]
    assert all(r.written_by == office for r in revisions)


def test_minutes_need_an_outcome_kind(conference: Conference, office: User) -> None:
    held(conference, office)
    item = conference.agenda.get()
    with pytest.raises(ValidationError) as error:
        services.minutes_record(item=item, discussion="", outcome_kind="", outcome="X", by=office)
    assert "loại kết quả" in str(error.value)
    assert not item.revisions.exists()


def test_parse_items_reads_numbers_and_subitems() -> None:
    items = services.parse_items("1. Một\ntiếp tục\n2) Hai\na) Hai a\n- Hai b\n")
    assert [(i.text, i.subitems) for i in items] == [
        ("Một tiếp tục", []),
        ("Hai", ["Hai a", "Hai b"]),
    ]


def test_conclusion_items_and_subitems(conference: Conference, office: User) -> None:
    held(conference, office)
    conclusion = conclude(conference, office)
    rows = [(i.label, i.text) for i in conclusion.items.order_by("pk")]
    assert rows == [
        ("1.", "Hoàn thành quy chế làm việc."),
        ("2.", "Tổng kết công tác năm:"),
        ("a)", "Ban Tổ chức đánh giá đảng viên;"),
        ("b)", "Văn phòng tổng hợp báo cáo."),
    ]


def test_conclusion_without_items_is_refused(conference: Conference, office: User) -> None:
    held(conference, office)
    with pytest.raises(ValidationError) as error:
        services.conclusion_write(conference=conference, preamble="x", items=[], by=office)
    assert "ít nhất một" in str(error.value)
    assert not Conclusion.objects.filter(conference=conference).exists()


def test_issue_numbers_and_freezes_the_notice(
    conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    held(conference, office)
    expected = next_notice()
    conclusion = issue(conclude(conference, office), office)
    assert conclusion.number is not None
    # The demo's documents of 2020 took the first numbers of Quận ủy Long Biên.
    assert str(conclusion.number) == expected
    assert conclusion.number.year == 2020
    doc = Document(io.BytesIO(bytes(conclusion.notice_docx)))
    left = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "QUẬN ỦY LONG BIÊN",
        "*",
        f"Số {expected}",
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2. Tổng kết công tác năm:" in text
    assert "a) Ban Tổ chức đánh giá đảng viên;" in text
    closing = doc.tables[-1].rows[0].cells[1]
    assert "T/L BAN THƯỜNG VỤ" in [p.text for p in closing.paragraphs]


def test_issuing_twice_is_refused_and_spends_no_number(
    conference: Conference, office: User
) -> None:
    held(conference, office)
    expected = next_notice()
    conclusion = issue(conclude(conference, office), office)
    numbers = DocumentNumber.objects.count()
    with pytest.raises(ValidationError) as error:
        issue(conclusion, office)
    assert "đã được ban hành" in error.value.messages[0]
    assert expected in error.value.messages[0]
    assert DocumentNumber.objects.count() == numbers


def test_issued_conclusion_cannot_change(conference: Conference, office: User) -> None:
    held(conference, office)
    issue(conclude(conference, office), office)
    with pytest.raises(ValidationError):
        conclude(conference, office)
    assert ConclusionItem.objects.filter(conclusion__conference=conference).count() == 4


def test_issue_without_signer_writes_nothing(conference: Conference, office: User) -> None:
    held(conference, office)
    conclusion = conclude(conference, office)
    numbers = DocumentNumber.objects.count()
    with pytest.raises(ValidationError) as error:
        issue(conclusion, office, signer_name=" ")
    assert "signer_name" in error.value.message_dict
    conclusion.refresh_from_db()
    assert conclusion.number is None
    assert DocumentNumber.objects.count() == numbers


def test_notice_dated_before_the_conference_is_refused(
    conference: Conference, office: User
) -> None:
    held(conference, office)
    numbers = DocumentNumber.objects.count()
    with pytest.raises(ValidationError) as error:
        issue(conclude(conference, office), office, issued_on=dt.date(2020, 9, 1))
    assert "trước ngày hội nghị" in str(error.value)
    assert DocumentNumber.objects.count() == numbers


def test_item_becomes_a_task_once(
    conference: Conference, demo: dict[str, Organisation], office: User
) -> None:
    held(conference, office)
    expected = next_notice()
    conclusion = issue(conclude(conference, office), office)
    sub = conclusion.items.get(text__startswith="Ban Tổ chức")
    task = services.item_to_task(item=sub, by=office)
    assert task.committee == demo["lb-qu"]
    assert task.source_kind == SourceKind.CONCLUSION
    assert task.source_reference == f"Thông báo {expected}, mục 2. a)"
    assert task.original_text == "Ban Tổ chức đánh giá đảng viên;"
    assert task.issued_on == dt.date(2020, 10, 2)
    assert task.published_at is None
    sub.refresh_from_db()
    assert sub.task == task
    with pytest.raises(ValidationError) as error:
        services.item_to_task(item=sub, by=office)
    assert "đã được tạo" in str(error.value)
    assert Task.objects.filter(original_text=sub.text).count() == 1


def test_invitations_are_emailed_with_the_agenda_through_the_outbox(
    conference: Conference, office: User
) -> None:
    person = org_services.person_create(
        full_name="Lê Thị Mời", email="moi@example.org", by=policy.SYSTEM
    )
    org_services.position_assign(
        person=person,
        organisation=conference.committee.children.get(code="lb-btg"),
        title="Trưởng ban",
        valid_from=dt.date(2020, 1, 1),
        by=policy.SYSTEM,
    )
    services.invitation_add(conference=conference, person=person, by=office)
    sent = services.invitations_send(conference=conference, by=office)
    # the person by e-mail; the organisations invited as a whole through their people's digest
    told = conference.invitations.filter(person=None, emailed_at__isnull=False).count()
    assert sent == 1 + told
    assert mail.outbox == []  # queued in the outbox; the worker sends it
    assert outbox.deliver() == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moi@example.org"]
    assert "Giao ban tháng 10/2020" in message.subject
    assert "1. Tình hình tháng 9" in message.body
    assert "14:00, 2/10/2020" in message.body
    # Sent once: a second call sends nothing.
    assert services.invitations_send(conference=conference, by=office) == 0
