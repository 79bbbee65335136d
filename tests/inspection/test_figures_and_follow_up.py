"""What the audit of issue 15 found missing: a reader of an inspection learns nothing of the
discipline records they may not read; the period report takes every standard inspection count
it lists from the records (not only the default three); the commission's overview counts the
recommendations carried out on time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dangvu.assignments.services import completion_accept, completion_propose
from dangvu.core import policy
from dangvu.core.models import AuditEntry
from dangvu.inspection import services
from dangvu.inspection.enums import DisciplineForm, InspectionKind, SubjectKind
from dangvu.inspection.models import Inspection, Recommendation
from dangvu.inspection.notice import conclusion_document, decision_document
from dangvu.inspection.report_figures import STANDARD
from dangvu.inspection.selectors import plan_progress, planned_items_for
from dangvu.inspection.statistics import inspection_statistics
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import IndicatorValue
from tests.inspection.conftest import World, decide, programme
from tests.inspection.test_services import conclude

SEEN = "quyết định kỷ luật sau cuộc kiểm tra này"


def _concluded_with_two_members(world: World) -> Inspection:
    inspection = decide(
        world,
        subjects=[
            services.SubjectData(world.ward_a, "Lê Văn Kỷ"),
            services.SubjectData(world.ward_b, "Trần Văn Bình"),
        ],
    )
    services.subject_report_record(inspection=inspection, on=dt.date(2024, 3, 18), by=policy.SYSTEM)
    services.team_report_record(inspection=inspection, on=dt.date(2024, 5, 8), by=policy.SYSTEM)
    violator = inspection.subjects.get(organisation=world.ward_a)
    return services.conclusion_issue(
        inspection=inspection, on=dt.date(2024, 5, 28), text="Một đảng viên có vi phạm.",
        violations=[violator.pk], by=policy.SYSTEM,
    )  # fmt: skip


def test_a_subject_reader_does_not_learn_of_a_record_they_may_not_read(
    world: World, client: Client
) -> None:
    inspection = _concluded_with_two_members(world)
    services.discipline_record_create(
        deciding_body=world.commission, subject_kind=SubjectKind.MEMBER,
        subject_organisation=world.ward_a, member_name="Lê Văn Kỷ",
        form=DisciplineForm.REPRIMAND, violation="Vi phạm quy định quản lý đất đai.",
        decision_reference="7-QĐ/UBKTQU", decided_on=dt.date(2024, 6, 10),
        effective_on=dt.date(2024, 6, 10), inspection=inspection, by=policy.SYSTEM,
    )  # fmt: skip
    # Ward B's office reads the inspection (its member was a subject) but not ward A's record.
    client.force_login(world.users["ward_b_office"])
    page = client.get(f"/inspection/{inspection.pk}/")
    assert page.status_code == 200
    assert "Trần Văn Bình" in page.content.decode()
    assert SEEN not in page.content.decode()
    # Ward A's office (the level concerned) is told, and being told is not a read of the record.
    client.force_login(world.users["ward_a_office"])
    page = client.get(f"/inspection/{inspection.pk}/")
    assert "Có 1 " + SEEN in page.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="discipline.").exclude(
        action="discipline.create"
    )


STANDARD_LINES = "".join(f"{name} | cuộc\n" for name in [*STANDARD, "Tổ chức đảng bị kỷ luật"])


def test_the_period_report_takes_every_standard_count_it_lists(world: World) -> None:
    programme(world)  # the commission keeps the committee's records here from 2020
    services.planned_items_add(
        programme=world.district.inspection_programmes.get(),
        items=[
            services.PlannedItemData(
                InspectionKind.REGULAR, world.ward_a, "Xây dựng Đảng", 2024, 3
            ),
            services.PlannedItemData(
                InspectionKind.THEMATIC_SUPERVISION, world.ward_b, "Quy chế", 2024, 11
            ),  # after the 9 months: not counted
        ],
        by=policy.SYSTEM,
    )
    conclude(world, decide(world))  # ward A, concluded with a violation on 28/5/2024
    decide(
        world,
        kind=InspectionKind.REGULAR_SUPERVISION,
        subjects=[services.SubjectData(world.ward_b), services.SubjectData(world.ward_b, "Bình")],
    )
    for kind, organisation, name, form in [
        (SubjectKind.MEMBER, world.ward_a, "Lê Văn Kỷ", DisciplineForm.WARNING),
        (SubjectKind.MEMBER, world.ward_b, "Trần Văn Bình", DisciplineForm.EXPULSION),
        (SubjectKind.ORGANISATION, world.ward_a, "", DisciplineForm.REPRIMAND),
    ]:
        services.discipline_record_create(
            deciding_body=world.commission, subject_kind=kind, subject_organisation=organisation,
            member_name=name, form=form, violation="Vi phạm", decision_reference="QĐ",
            decided_on=dt.date(2024, 6, 1), effective_on=dt.date(2024, 6, 1), by=policy.SYSTEM,
        )  # fmt: skip
    office = world.users["district_office"]
    period = report_services.period_create(
        committee=world.district, kind=PeriodKind.NINE_MONTHS, year=2024,
        due_on=dt.date(2024, 9, 5), by=office, indicators_text=STANDARD_LINES,
    )  # fmt: skip
    (contribution,) = report_services.contributions_request(
        period=period, units=[world.commission], by=office
    )
    typed = {i.pk: 99 for i in period.indicators.all()}
    report_services.contribution_save(
        contribution=contribution, entries={}, values=typed, by=policy.SYSTEM
    )
    figures = {
        v.indicator.name: v.value
        for v in IndicatorValue.objects.filter(contribution=contribution).select_related(
            "indicator"
        )
    }
    assert figures == {
        "Cuộc kiểm tra đã tiến hành": Decimal(1),
        "Cuộc giám sát đã tiến hành": Decimal(1),
        "Cuộc kiểm tra theo kế hoạch": Decimal(1),
        "Cuộc giám sát theo kế hoạch": Decimal(0),
        "Cuộc kiểm tra đã kết luận": Decimal(1),
        "Cuộc giám sát đã kết luận": Decimal(0),
        "Tổ chức đảng được kiểm tra, giám sát": Decimal(2),
        "Đảng viên được kiểm tra, giám sát": Decimal(1),
        "Tổ chức đảng có vi phạm": Decimal(1),
        "Đảng viên có vi phạm": Decimal(0),
        "Đảng viên bị kỷ luật khiển trách": Decimal(0),
        "Đảng viên bị kỷ luật cảnh cáo": Decimal(1),
        "Đảng viên bị kỷ luật cách chức": Decimal(0),
        "Đảng viên bị kỷ luật khai trừ": Decimal(1),
        "Tổ chức đảng bị kỷ luật khiển trách": Decimal(1),
        "Tổ chức đảng bị kỷ luật cảnh cáo": Decimal(0),
        "Tổ chức đảng bị giải tán": Decimal(0),
        "Tổ chức đảng bị kỷ luật": Decimal(1),
    }


def test_the_overview_counts_the_recommendations_done_on_time(world: World, client: Client) -> None:
    inspection = conclude(world, decide(world))
    services.recommendations_follow(inspection=inspection, by=policy.SYSTEM)
    # The first (deadline 31/8) accepted on 20/8, the second (deadline 31/7) on 20/8: late.
    for recommendation in Recommendation.objects.order_by("position"):
        assert recommendation.task is not None
        completion_propose(task=recommendation.task, by=policy.SYSTEM, on=dt.date(2024, 8, 15))
        completion_accept(task=recommendation.task, by=policy.SYSTEM, on=dt.date(2024, 8, 20))
    client.force_login(world.users["commission"])
    page = client.get("/inspection/recommendations/?on=2024-09-01").content.decode()
    assert "1 trong số 2 kiến nghị" in page
    assert page.count("Hoàn thành đúng hạn") == 1
    assert page.count("Hoàn thành quá hạn") == 1


def test_the_documents_name_the_subjects_by_their_full_names(world: World) -> None:
    """The page may show a closed organisation's short name with "(cũ)"; the 2024 decision and
    notice speak of their own day and name the organisation in full."""
    inspection = _concluded_with_two_members(world)
    world.ward_a.short_name = "Phường A (cũ)"
    world.ward_a.save(update_fields=["short_name"])
    inspection = Inspection.objects.get(pk=inspection.pk)
    for document in (conclusion_document(inspection), decision_document(inspection)):
        text = "\n".join(block.text for block in document.body)
        assert f"Lê Văn Kỷ ({world.ward_a.name})" in text
        assert f"Trần Văn Bình ({world.ward_b.name})" in text
        assert "(cũ)" not in text
    notice = "\n".join(block.text for block in conclusion_document(inspection).body)
    assert f"Có vi phạm: Lê Văn Kỷ ({world.ward_a.name})." in notice


def test_statistics_over_a_report_period(world: World, client: Client) -> None:
    """Choosing the 9-month report period counts over its dates (what its report carries)."""
    decide(world)  # decided on 1/3/2024
    decide(
        world, decided_on=dt.date(2024, 10, 2), starts_on=dt.date(2024, 10, 3),
        ends_on=dt.date(2024, 10, 31), subject_report_due=dt.date(2024, 10, 10),
        team_report_due=dt.date(2024, 11, 5), conclusion_due=dt.date(2024, 11, 20),
    )  # fmt: skip  # after the 9 months
    office = world.users["district_office"]
    period = report_services.period_create(
        committee=world.district, kind=PeriodKind.NINE_MONTHS, year=2024,
        due_on=dt.date(2024, 9, 5), by=office,
    )  # fmt: skip
    client.force_login(office)
    page = client.get(f"/inspection/statistics/?report_period={period.pk}")
    stats = page.context["stats"]
    assert (stats.start, stats.end) == (period.starts_on, period.ends_on)
    assert stats.total.counts["inspections_held"] == 1
    assert f'<option value="{period.pk}" selected>' in page.content.decode()
    # Another committee's office is not offered this period, and asking for it is refused.
    client.force_login(world.users["ward_b_office"])
    page = client.get(f"/inspection/statistics/?report_period={period.pk}")
    assert f'value="{period.pk}"' not in page.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in page.content.decode()


def test_a_yearly_plan_entered_by_hand_shows_its_progress(world: World, client: Client) -> None:
    """The commission's yearly plan through the pages: bad input refused with a message and
    nothing written (what was typed kept), then an item entered and carried out."""
    client.force_login(world.users["commission"])
    data = {
        "issuer": world.commission.pk, "kind": "year", "title": "Kế hoạch kiểm tra, giám sát 2024",
        "reference": "", "year_from": 2024, "year_to": 2025,
    }  # fmt: skip
    page = client.post("/inspection/programmes/new/", data)
    assert page.status_code == 200
    assert "Kế hoạch năm chỉ gồm một năm." in page.content.decode()
    assert "Kế hoạch kiểm tra, giám sát 2024" in page.content.decode()  # kept
    assert not world.district.inspection_programmes.exists()
    data["year_to"] = 2024
    assert client.post("/inspection/programmes/new/", data).status_code == 302
    plan = world.district.inspection_programmes.get()
    assert (plan.kind, plan.body, plan.issuer) == ("year", "commission", world.commission)
    item = {
        "kind": InspectionKind.REGULAR, "subject_organisation": world.ward_a.pk,
        "subject_member": "", "content": "Công tác xây dựng Đảng", "period_text": "2023",
        "planned_year": 2025, "planned_month": 3, "lead": "UBKT",
    }  # fmt: skip
    page = client.post(f"/inspection/programmes/{plan.pk}/items/", item)
    assert page.status_code == 200
    assert "Năm phải nằm trong thời gian của chương trình (2024–2024)." in page.content.decode()
    assert not plan.items.exists()
    item["planned_year"] = 2024
    assert client.post(f"/inspection/programmes/{plan.pk}/items/", item).status_code == 302
    planned = plan.items.get()
    decide(world, kind=InspectionKind.REGULAR, planned_item=planned)
    page = client.get(f"/inspection/programmes/{plan.pk}/")
    progress = page.context["progress"]
    assert (progress.planned, progress.started, progress.done) == (1, 1, 0)
    assert progress.rows[0].inspection.planned_item == planned


def test_a_yearly_plan_is_not_counted_twice_with_the_term_programme(world: World) -> None:
    """The commission's 2024 plan carries out its term programme's 2024 item (and adds one):
    2024 counts the plan's two items, not three; 2025, without a plan, the programme's."""
    term = programme(world)
    item = services.PlannedItemData
    services.planned_items_add(
        programme=term, by=policy.SYSTEM,
        items=[item(InspectionKind.REGULAR, world.ward_a, "Xây dựng Đảng", 2024, 3),
               item(InspectionKind.REGULAR, world.ward_b, "Xây dựng Đảng", 2025, 3)],
    )  # fmt: skip
    plan = services.programme_create(
        issuer=world.commission, kind="year", title="Kế hoạch 2024", year_from=2024,
        year_to=2024, by=policy.SYSTEM,
    )  # fmt: skip
    services.planned_items_add(
        programme=plan, by=policy.SYSTEM,
        items=[item(InspectionKind.REGULAR, world.ward_a, "Xây dựng Đảng", 2024, 3),
               item(InspectionKind.FINANCE, world.ward_b, "Đảng phí", 2024, 5)],
    )  # fmt: skip
    office = world.users["district_office"]
    counts = inspection_statistics(office, start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31))
    assert counts.total.counts["planned_inspections"] == 3  # 2 of the 2024 plan + 1 of 2025
    year = inspection_statistics(office, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert year.total.counts["planned_inspections"] == 2


def test_a_yearly_plan_item_carries_out_the_term_programmes_item(
    world: World, client: Client
) -> None:
    """The inspection decided from the 2024 plan's item counts for the term programme's item it
    carries out; an item of another kind of programme or of another body is refused."""
    term = programme(world)
    (term_item,) = services.planned_items_add(
        programme=term, by=policy.SYSTEM,
        items=[services.PlannedItemData(InspectionKind.REGULAR, world.ward_a, "Xây dựng Đảng",
                                        2024, 3)],
    )  # fmt: skip
    plan = services.programme_create(
        issuer=world.commission, kind="year", title="Kế hoạch 2024", year_from=2024,
        year_to=2024, by=policy.SYSTEM,
    )  # fmt: skip
    client.force_login(world.users["commission"])
    form = client.get(f"/inspection/programmes/{plan.pk}/").context["item_form"]
    assert list(form.fields["carries_out"].queryset) == [term_item]
    assert "carries_out" not in (
        client.get(f"/inspection/programmes/{term.pk}/").context["item_form"].fields
    )
    data = {
        "kind": InspectionKind.REGULAR, "subject_organisation": world.ward_a.pk,
        "subject_member": "", "content": "Xây dựng Đảng", "period_text": "",
        "planned_year": 2024, "planned_month": 3, "lead": "", "carries_out": term_item.pk,
    }  # fmt: skip
    assert client.post(f"/inspection/programmes/{plan.pk}/items/", data).status_code == 302
    plan_item = plan.items.get()
    assert plan_item.carries_out == term_item
    # A term programme's item carries nothing out (the service refuses it, nothing written).
    other_term = services.programme_create(
        issuer=world.district, kind="term", title="Chương trình của BCH", year_from=2020,
        year_to=2025, by=policy.SYSTEM,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.planned_items_add(
            programme=other_term, by=policy.SYSTEM,
            items=[services.PlannedItemData(InspectionKind.REGULAR, world.ward_a, "Xây dựng Đảng",
                                            2024, 3, carries_out=term_item)],
        )  # fmt: skip
    assert "kế hoạch năm" in str(refused.value)
    assert not other_term.items.exists()
    assert set(planned_items_for(world.users["commission"])) == {term_item, plan_item}
    inspection = decide(world, kind=InspectionKind.REGULAR, planned_item=plan_item)
    term_progress = plan_progress(term)
    assert (term_progress.started, term_progress.done) == (1, 0)
    assert term_progress.rows[0].inspection == inspection
    assert plan_progress(plan).rows[0].inspection == inspection
    # Neither item is offered again for a decision.
    assert list(planned_items_for(world.users["commission"])) == []
