"""Issue 11, what remained: unit pickers limited to the units of the day that matters, the
predecessors' report contributions readable from the successor, and the statistics' lead filters
resolved through the tree of a past day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from dangvu.assignments import selectors as task_selectors
from dangvu.assignments import services as tasks
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.policy import SYSTEM
from dangvu.meetings.forms import InvitationForm
from dangvu.org import handover, selectors, services
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.forms import OrganisationChoiceField
from dangvu.org.models import Membership, Organisation
from dangvu.reports import selectors as report_selectors
from dangvu.reports import services as reports
from dangvu.reports.enums import PeriodKind
from dangvu.reports.models import Contribution
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAST = dt.date(2025, 6, 30)
EFFECTIVE = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 3, 15)
AFTER = dt.date(2025, 8, 15)


def org(name: str, parent: Organisation | None, start: dt.date, code: str) -> Organisation:
    return services.organisation_create(
        name=name, kind=OrgKind.PARTY, parent=parent, valid_from=start, by=SYSTEM, code=code
    )


def options(html: str, name: str) -> str:
    """The <select name=…> of a page, to look at its options."""
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """A city; a district (ended 30/6/2025) with ward A; ward A taken whole by ward X, under the
    city from 1/7/2025; ward Z of the city, untouched. A task of A open at the merge (handed
    over to X) and one A completed before it."""
    city = org("Thành ủy Mẫu", None, dt.date(2004, 1, 1), "h-tu")
    district = org("Quận ủy Mẫu", city, dt.date(2004, 1, 1), "h-qu")
    a = org("Đảng ủy phường An Bình", district, dt.date(2004, 1, 1), "h-ab")
    z = org("Đảng ủy phường Zen", city, dt.date(2004, 1, 1), "h-z")
    people = {
        "office": UserFactory(username="h-office"),
        "district_office": UserFactory(username="h-qoffice"),
        "x_reporter": UserFactory(username="h-x"),
        "z_reporter": UserFactory(username="h-z"),
        "a_reporter": UserFactory(username="h-a"),
        "root": UserFactory(username="h-root", is_superuser=True),
    }
    services.membership_grant(user=people["office"], organisation=city, role=Role.OFFICE, by=SYSTEM)
    services.membership_grant(
        user=people["district_office"], organisation=district, role=Role.OFFICE, by=SYSTEM
    )
    services.membership_grant(
        user=people["z_reporter"], organisation=z, role=Role.REPORTER, by=SYSTEM
    )
    services.membership_grant(
        user=people["a_reporter"], organisation=a, role=Role.REPORTER, by=SYSTEM
    )

    def task(content: str) -> Task:
        made = tasks.task_create(
            committee=city,
            content=content,
            by=SYSTEM,
            issued_on=dt.date(2025, 3, 1),
            lead_unit=a,
            deadline=dt.date(2025, 12, 31),
            deliverable="Báo cáo",
            authority=city,
        )
        return tasks.task_publish(task=made, by=SYSTEM, waiver_reason="Thử")

    open_task = task("Rà soát hồ sơ đảng viên phường An Bình")
    done_task = task("Tổng kết công tác phường An Bình")
    tasks.completion_propose(task=done_task, by=SYSTEM, on=dt.date(2025, 5, 1))
    tasks.completion_accept(task=done_task, by=SYSTEM, on=dt.date(2025, 5, 2))
    # a report of ward A, accepted before the merge: it stays A's, as history
    period = reports.period_create(
        committee=city, kind=PeriodKind.QUARTER, year=2025, number=1, due_on=BEFORE, by=SYSTEM
    )
    (contribution,) = reports.contributions_request(period=period, units=[a], by=SYSTEM)
    Contribution.objects.filter(pk=contribution.pk).update(status="accepted")
    act = services.reorganisation_create(
        number="99/NQ-TEST",
        issued_on=dt.date(2025, 6, 1),
        issuer="Ủy ban Thường vụ",
        effective_on=EFFECTIVE,
        by=SYSTEM,
    )
    services.organisation_close(organisation=district, on=LAST, reorganisation=act, by=SYSTEM)
    x = org("Đảng ủy phường Xuân", city, EFFECTIVE, "h-x")
    services.succession_add(
        predecessor=a, successor=x, kind=SuccessionKind.WHOLE, reorganisation=act, by=SYSTEM
    )
    handover.handover_carry_out(act=act, by=SYSTEM)
    services.membership_grant(
        user=people["x_reporter"], organisation=x, role=Role.REPORTER, by=SYSTEM
    )
    return {
        "city": city,
        "district": district,
        "a": a,
        "x": x,
        "z": z,
        "open": open_task,
        "done": done_task,
        "contribution": contribution,
        **people,
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- 1. pickers ------------------------------------------------------------------------------


def test_picker_offers_the_units_of_the_day_and_keeps_a_chosen_one(world: dict[str, Any]) -> None:
    before = set(selectors.picker_units(BEFORE).values_list("code", flat=True))
    after = set(selectors.picker_units(AFTER).values_list("code", flat=True))
    assert before == {"h-tu", "h-qu", "h-ab", "h-z"}
    assert after == {"h-tu", "h-x", "h-z"}
    kept = selectors.picker_units(AFTER, keep=[world["a"].pk, None, "x"])
    assert set(kept.values_list("code", flat=True)) == {"h-tu", "h-x", "h-z", "h-ab"}
    under = selectors.picker_units(BEFORE, under=world["district"])
    assert list(under.values_list("code", flat=True)) == ["h-qu", "h-ab"]
    within = Organisation.objects.filter(code__in=["h-ab", "h-x"])
    assert list(selectors.picker_units(AFTER, within=within)) == [world["x"]]


def test_picker_day_reads_a_typed_date_or_falls_back() -> None:
    default = dt.date(2026, 1, 1)
    assert selectors.picker_day({"issued_on": "15/3/2025"}, "issued_on", default) == BEFORE
    assert selectors.picker_day({"issued_on": "hôm qua"}, "issued_on", default) == default
    assert selectors.picker_day({"issued_on": "1/1/1800"}, "issued_on", default) == default
    assert selectors.picker_day({}, "issued_on", default) == default
    assert selectors.picker_day(None, "issued_on", default) == default


def test_task_form_offers_the_units_of_the_day_the_task_is_given(world: dict[str, Any]) -> None:
    client = client_for(world["office"])
    today_page = client.get(reverse("assignments:create")).content.decode()
    lead = options(today_page, "lead_unit")
    assert "Đảng ủy phường Xuân" in lead
    assert "An Bình" not in lead
    posted = client.post(
        reverse("assignments:create"),
        {"committee": world["city"].pk, "content": "", "issued_on": "15/3/2025"},
    ).content.decode()
    lead = options(posted, "lead_unit")
    assert "An Bình" in lead
    assert "Xuân" not in lead
    # A unit of another day is refused with a clear message, and nothing is created.
    count = Task.objects.count()
    refused = client.post(
        reverse("assignments:create"),
        {
            "committee": world["city"].pk,
            "content": "Việc mới",
            "issued_on": "15/3/2025",
            "lead_unit": world["x"].pk,
            "source_kind": "manual",
            "priority": "normal",
        },
    ).content.decode()
    assert "không tồn tại vào ngày cần xét" in refused
    assert Task.objects.count() == count


def test_task_edit_keeps_the_current_units_offered(world: dict[str, Any]) -> None:
    """The handed-over task is led by X, which did not exist on the day it was given: the edit
    form still offers (and selects) it rather than dropping the lead unit silently."""
    page = client_for(world["office"]).get(reverse("assignments:update", args=[world["open"].pk]))
    lead = options(page.content.decode(), "lead_unit")
    assert f'<option value="{world["x"].pk}" selected>' in lead
    assert "An Bình" in lead  # a unit of 1/3/2025, the day it was given


def test_picker_of_a_ward_office_offers_only_its_part(world: dict[str, Any]) -> None:
    services.membership_grant(
        user=world["district_office"], organisation=world["z"], role=Role.OFFICE, by=SYSTEM
    )
    client = client_for(world["district_office"])
    posted = client.post(
        reverse("assignments:create"),
        {"committee": world["z"].pk, "issued_on": "15/3/2025"},
    ).content.decode()
    lead = options(posted, "lead_unit")
    assert "Zen" in lead
    assert "An Bình" not in lead
    assert "Thành ủy" not in lead


def test_unit_readers_get_no_task_form(world: dict[str, Any]) -> None:
    assert client_for(world["z_reporter"]).get(reverse("assignments:create")).status_code == 403


def test_statistics_and_list_filters_offer_the_units_of_the_day(world: dict[str, Any]) -> None:
    client = client_for(world["office"])
    for name in ("assignments:statistics", "assignments:list"):
        past = options(client.get(reverse(name), {"on": "2025-03-15"}).content.decode(), "unit")
        assert "An Bình" in past
        assert "Xuân" not in past
        now = options(client.get(reverse(name)).content.decode(), "unit")
        assert "Xuân" in now
        assert "An Bình" not in now


def test_period_units_are_those_of_the_period_end(world: dict[str, Any]) -> None:
    client = client_for(world["office"])
    now = client.get(reverse("reports:create")).content.decode()
    assert "Xuân" in now
    assert "An Bình" not in now
    past = client.post(
        reverse("reports:create"),
        {"committee": world["city"].pk, "kind": PeriodKind.QUARTER, "year": 2025, "number": 1},
    ).content.decode()
    assert "An Bình" in past
    assert "Xuân" not in past


def test_invitations_offer_the_units_of_the_conference_day(world: dict[str, Any]) -> None:
    before = InvitationForm(committee=world["city"], day=BEFORE)
    after = InvitationForm(committee=world["city"], day=AFTER)
    assert world["a"] in before.fields["organisations"].queryset
    assert world["x"] not in before.fields["organisations"].queryset
    assert world["x"] in after.fields["organisations"].queryset
    assert world["district"] not in after.fields["organisations"].queryset


def test_not_offered_message_is_vietnamese(world: dict[str, Any]) -> None:
    field = OrganisationChoiceField(queryset=selectors.picker_units(AFTER))
    with pytest.raises(forms.ValidationError) as error:
        field.clean(world["a"].pk)
    assert "không tồn tại vào ngày cần xét" in str(error.value)


# --- 2. the predecessors' contributions, as history ----------------------------------------


def test_successor_reads_its_predecessors_contribution(world: dict[str, Any]) -> None:
    contribution = world["contribution"]
    got = report_selectors.get_contribution_for_user(world["x_reporter"], contribution.pk)
    assert got == contribution
    # read, not written: the predecessor's report stays its own
    assert not policy.allowed(world["x_reporter"], "contribution.write", contribution)
    page = client_for(world["x_reporter"]).get(reverse("reports:contribution", args=[got.pk]))
    assert page.status_code == 200
    # and the period it belongs to, with that row on its board
    period = client_for(world["x_reporter"]).get(reverse("reports:period", args=[got.period_id]))
    assert period.status_code == 200
    assert "Đảng ủy phường An Bình" in period.content.decode()


def test_other_units_do_not_see_the_predecessors_contribution(world: dict[str, Any]) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        report_selectors.get_contribution_for_user(world["z_reporter"], world["contribution"].pk)
    page = client_for(world["z_reporter"]).get(
        reverse("reports:contribution", args=[world["contribution"].pk])
    )
    assert page.status_code == 404
    period = world["contribution"].period_id
    assert (
        client_for(world["z_reporter"]).get(reverse("reports:period", args=[period])).status_code
        == 404
    )


def test_successors_page_links_the_predecessors_reports(world: dict[str, Any]) -> None:
    link = reverse("reports:contribution", args=[world["contribution"].pk])
    page = client_for(world["x_reporter"]).get(reverse("org:detail", args=[world["x"].pk]))
    assert link in page.content.decode()
    assert "Báo cáo của đơn vị tiền nhiệm" in page.content.decode()
    stranger = client_for(world["z_reporter"]).get(reverse("org:detail", args=[world["x"].pk]))
    assert link not in stranger.content.decode()
    office = client_for(world["office"]).get(reverse("org:detail", args=[world["x"].pk]))
    assert link in office.content.decode()


def test_successor_cannot_write_the_predecessors_contribution(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        reports.contribution_save(
            contribution=world["contribution"], entries={}, values={}, by=world["x_reporter"]
        )


# --- 3. statistics by lead on a past day -----------------------------------------------------


def count(user: Any, **filters: Any) -> int:
    tf = task_selectors.TaskFilters(**filters)
    return task_selectors.statistics_queryset(user, tf).count()


@pytest.mark.parametrize("who", ["root", "office"])
def test_lead_under_resolves_through_the_tree_of_the_day(world: dict[str, Any], who: str) -> None:
    user = world[who]
    district, x, city = world["district"], world["x"], world["city"]
    # before the merge: ward A's tasks count under its district, not under its successor
    assert count(user, on=BEFORE, lead_under=district) == 2
    assert count(user, on=BEFORE, lead_under=x) == 0
    # after: under the successor (the handed-over task and the one A completed), not the district
    assert count(user, on=AFTER, lead_under=district) == 0
    assert count(user, on=AFTER, lead_under=x) == 2
    assert count(user, on=BEFORE, lead_under=city) == count(user, on=AFTER, lead_under=city) == 2
    assert count(user, on=AFTER, lead_under=world["z"]) == 0


def test_lead_on_a_past_day_counts_the_unit_of_that_day(world: dict[str, Any]) -> None:
    user = world["root"]
    assert count(user, on=BEFORE, lead=world["a"]) == 2
    assert count(user, on=BEFORE, lead=world["x"]) == 0
    assert count(user, on=AFTER, lead=world["x"]) == 2
    # today as after the merge: both count as X (the handed-over task leads there now, the one
    # A completed counts as its successor); A itself still finds its own completed task
    assert count(user, lead=world["x"]) == 2
    assert count(user, lead=world["a"]) == 1


def test_lead_filters_stay_scoped_to_what_the_user_sees(world: dict[str, Any]) -> None:
    assert count(world["z_reporter"], on=AFTER, lead_under=world["x"]) == 0
    # X's reporter sees its tasks and, as history, those its predecessor led
    assert count(world["x_reporter"], on=AFTER, lead_under=world["x"]) == 2


def test_placement_helpers(world: dict[str, Any]) -> None:
    a, x, district = world["a"].pk, world["x"].pk, world["district"]
    assert selectors.unit_placed_as(world["x"], AFTER) == {x, a}
    assert selectors.unit_placed_as(world["x"], BEFORE) == {x}
    assert a in selectors.units_placed_under(district, BEFORE)
    assert a not in selectors.units_placed_under(district, AFTER)
    assert selectors.predecessor_units(world["x"]).get() == world["a"]


def test_an_ended_committees_office_is_told_why_the_unit_list_is_empty(
    world: dict[str, Any],
) -> None:
    """The office of a district that ended on 30/6/2025 opens the task form today: no unit of
    its part of the tree exists, and the form says so, with the days it existed, instead of an
    empty list; on a day within them the units come back and the note goes."""
    # the reorganisation ended the role with the district; the demo's office (and roles typed
    # in before the reorganisation was recorded) still hold theirs
    Membership.objects.filter(user=world["district_office"]).update(valid_to=None)
    client = client_for(world["district_office"])
    today_page = client.get(reverse("assignments:create")).content.decode()
    assert "An Bình" not in options(today_page, "lead_unit")
    assert "Không đơn vị nào thuộc phạm vi của đồng chí tồn tại vào ngày" in today_page
    assert "Quận ủy Mẫu (1/1/2004–30/6/2025)" in today_page
    past = client.post(
        reverse("assignments:create"),
        {"committee": world["district"].pk, "issued_on": "15/3/2025"},
    ).content.decode()
    assert "An Bình" in options(past, "lead_unit")
    assert "Không đơn vị nào thuộc phạm vi" not in past
    # an office whose committee exists today sees no such note
    city_page = client_for(world["office"]).get(reverse("assignments:create")).content.decode()
    assert "Không đơn vị nào thuộc phạm vi" not in city_page
