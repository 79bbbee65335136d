import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.accounts.models import User
from dangvu.core.models import AuditEntry
from dangvu.reports import services
from dangvu.reports.enums import ContributionStatus, CutOff, PeriodKind
from dangvu.reports.models import Attachment, ContributionImport, OutlineTemplate, Period
from tests.reports.conftest import contribution_of

pytestmark = pytest.mark.django_db


def test_period_create_computes_dates_and_outline(period):
    assert (period.starts_on, period.ends_on) == (dt.date(2020, 1, 1), dt.date(2020, 9, 30))
    assert period.title == "Báo cáo 9 tháng đầu năm 2020"
    assert period.sections.count() == 15
    assert period.indicators.count() == 6
    assert period.contributions.count() == 3
    assert AuditEntry.objects.filter(action="report.period_create").exists()


def test_period_create_state_cut_off(demo, office):
    period = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2020,
        cut_off=CutOff.STATE, due_on=dt.date(2020, 9, 10), by=office,
    )  # fmt: skip
    assert (period.starts_on, period.ends_on) == (dt.date(2019, 12, 15), dt.date(2020, 9, 14))


def test_period_create_bad_input_writes_nothing(demo, office):
    with pytest.raises(ValidationError):
        services.period_create(
            committee=demo["lb-qu"], kind=PeriodKind.QUARTER, year=2020, number=7,
            due_on=dt.date(2020, 9, 10), by=office,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.period_create(
            committee=demo["lb-qu"], kind=PeriodKind.YEAR, year=2020,
            due_on=dt.date(2020, 9, 10), by=office, sections_text="A\n      B\n",
        )  # fmt: skip
    assert not Period.objects.exists()


def test_outline_update_and_template(period, office, demo):
    services.outline_update(
        period=period, sections_text="* Một\n* Hai\n! Hạn chế\n", indicators_text="X | cái",
        by=office,
    )  # fmt: skip
    assert list(period.sections.values_list("number", "title")) == [
        ("Phần thứ nhất", "Một"), ("Phần thứ hai", "Hai"), ("Phần thứ ba", "Hạn chế"),
    ]  # fmt: skip
    template = services.template_save(
        committee=demo["lb-qu"], name="Mẫu quý", sections_text="* Một\n", indicators_text="",
        by=office,
    )  # fmt: skip
    assert OutlineTemplate.objects.get(pk=template.pk).sections_text == "* Một\n"


def test_outline_locked_once_units_wrote(period, office, head):
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    services.contribution_save(
        contribution=contribution, entries={topic.pk: {"results": "Có nội dung"}}, values={},
        by=head,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="đã viết báo cáo"):
        services.outline_update(
            period=period, sections_text="* Một\n", indicators_text="", by=office
        )


def test_contribution_save_sanitises_and_checks_numbers(period, head):
    contribution = contribution_of(period, "lb-btg")
    topic = period.sections.filter(role="topic").first()
    indicator = period.indicators.first()
    services.contribution_save(
        contribution=contribution,
        entries={topic.pk: {"results": '<p onclick="x()">Tốt</p><script>alert(1)</script>'}},
        values={indicator.pk: "12"},
        by=head,
    )
    entry = contribution.entries.get()
    assert entry.results == "<p>Tốt</p>"
    assert contribution.values.get().value == Decimal(12)
    with pytest.raises(ValidationError) as error:
        services.contribution_save(
            contribution=contribution, entries={topic.pk: {"results": "Khác"}},
            values={indicator.pk: "1,5"}, by=head,
        )  # fmt: skip
    assert "phải là số nguyên" in str(error.value)
    entry.refresh_from_db()
    assert entry.results == "<p>Tốt</p>"  # nothing half written


def test_workflow_states(period, office, head):
    contribution = contribution_of(period, "lb-btg")
    with pytest.raises(ValidationError):
        services.contribution_accept(contribution=contribution, by=office)
    contribution = services.contribution_send_to_head(contribution=contribution, by=head)
    assert contribution.status == ContributionStatus.READY
    with time_machine.travel(dt.datetime(2020, 9, 1, 9, tzinfo=dt.UTC)):
        contribution = services.contribution_submit(contribution=contribution, by=head)
    assert (contribution.status, contribution.version, contribution.late) == ("submitted", 1, False)
    with pytest.raises(ValidationError):
        services.contribution_save(contribution=contribution, entries={}, values={}, by=head)
    with pytest.raises(ValidationError, match="lý do"):
        services.contribution_return(contribution=contribution, reason=" ", by=office)
    contribution = services.contribution_return(
        contribution=contribution, reason="Thiếu số liệu", by=office
    )
    assert contribution.return_reason == "Thiếu số liệu"
    with time_machine.travel(dt.datetime(2020, 9, 8, 9, tzinfo=dt.UTC)):
        contribution = services.contribution_submit(contribution=contribution, by=head)
    assert (contribution.version, contribution.late) == (2, True)
    contribution = services.contribution_accept(contribution=contribution, by=office)
    assert contribution.status == ContributionStatus.ACCEPTED


def test_attachments_checked(period, head):
    contribution = contribution_of(period, "lb-btg")
    services.attachment_add(contribution=contribution, name="bang.pdf", data=b"%PDF-1.4", by=head)
    for name, data, message in [
        ("virus.exe", b"MZ", "Chỉ được đính kèm"),
        ("gia.pdf", b"not a pdf", "không thực sự là tệp PDF"),
        ("lon.pdf", b"%PDF" + b"0" * services.MAX_ATTACHMENT_BYTES, "10 MB"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.attachment_add(contribution=contribution, name=name, data=data, by=head)
    assert Attachment.objects.count() == 1


def test_reminders_to_late_units(period, office, django_capture_on_commit_callbacks):
    User.objects.filter(username__in=["baocao", "truongban"]).update(email="btg@example.org")
    assert services.reminders_send(period=period, by=office, day=dt.date(2020, 9, 1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        count = services.reminders_send(period=period, by=office, day=dt.date(2020, 9, 6))
    assert count == 3
    from dangvu.notifications import outbox

    outbox.deliver()  # the worker's pass
    assert len(mail.outbox) == 1  # only lb-btg has users with addresses
    assert mail.outbox[0].to == ["btg@example.org"]
    assert "Đôn đốc" in mail.outbox[0].subject


def test_docx_import_held_for_review(period, head, docx_bytes):
    contribution = contribution_of(period, "lb-btg")
    data = docx_bytes(
        [
            ("h", "I. Công tác chính trị, tư tưởng"),
            ("p", "Tổ chức 20 hội nghị quán triệt."),
            ("h", "Hạn chế"),
            ("p", "Một số chi bộ còn chậm."),
            ("h", "Mục lạ"),
            ("p", "Không thuộc mục nào"),
        ]
    )
    imported = services.contribution_import_docx(
        contribution=contribution, name="btg.docx", data=data, by=head
    )
    assert not contribution.entries.exists()  # held for review
    section_id = next(iter(imported.sections))
    assert imported.sections[section_id]["results"][0] == "Tổ chức 20 hội nghị quán triệt."
    assert "Một số chi bộ còn chậm." in str(imported.sections)
    services.contribution_import_apply(imported=imported, by=head)
    entry = contribution.entries.get()
    assert "quán triệt" in entry.results
    assert "chậm" in entry.shortcomings


def test_malformed_docx_rejected(period, head):
    contribution = contribution_of(period, "lb-btg")
    with pytest.raises(ValidationError, match="không phải văn bản Word"):
        services.contribution_import_docx(
            contribution=contribution, name="hong.docx", data=b"PK\x03\x04garbage", by=head
        )
    assert not ContributionImport.objects.exists()


@pytest.fixture
def head(demo):
    """The head of Ban Tuyên giáo (lb-btg): writes and submits its contribution."""
    return User.objects.get(username="truongban")


def test_the_office_does_not_write_a_units_contribution(period, office):
    contribution = contribution_of(period, "lb-btg")
    with pytest.raises(PermissionDenied):
        services.contribution_save(contribution=contribution, entries={}, values={}, by=office)
    with pytest.raises(PermissionDenied):
        services.contribution_submit(contribution=contribution, by=office)
    reporter = User.objects.get(username="baocao")
    with pytest.raises(PermissionDenied):
        services.contribution_submit(contribution=contribution, by=reporter)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DRAFT
