"""The follow-up pages: detail with its timeline and actions, progress by HTMX, statistics with
drill-down and Excel export, bulk update."""

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import DeadlineChange, ProgressReport, Task
from dangvu.core import policy
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task
from tests.conftest import login

TODAY = dt.datetime(2021, 2, 1, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def task(demo: dict[str, Organisation], office: User) -> Task:
    return services.task_publish(task=make_task(demo), by=office)


def detail(task: Task) -> str:
    return reverse("assignments:detail", args=[task.pk])


def test_reporter_reports_progress_with_htmx(reporter_client: Client, task: Task) -> None:
    html = reporter_client.get(detail(task)).content.decode()
    assert "Báo cáo tiến độ" in html
    response = reporter_client.post(
        reverse("assignments:progress", args=[task.pk]),
        {
            "unit": task.lead_unit_id,
            "reported_on": "15/10/2020",
            "done": "Đã ban hành kế hoạch tuyên truyền",
            "percent": "50",
            "evidence_files": SimpleUploadedFile("kh.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="progress-section"')
    assert "Đã ban hành kế hoạch tuyên truyền" in body
    assert "kh.pdf" in body
    assert "Ghi nhận tiến độ" in body  # the audit line, in Vietnamese
    report = ProgressReport.objects.get()
    assert report.percent == 50
    assert report.evidence.get().kind == "pdf"


def test_a_renamed_binary_is_refused_on_the_form(reporter_client: Client, task: Task) -> None:
    response = reporter_client.post(
        reverse("assignments:progress", args=[task.pk]),
        {
            "unit": task.lead_unit_id,
            "reported_on": "15/10/2020",
            "done": "Kèm ảnh",
            "percent": "20",
            "evidence_files": SimpleUploadedFile("anh.jpg", b"MZ\x90\x00binary", "image/jpeg"),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422  # swapped in by htmx (see base.html's htmx-config)
    assert "“anh.jpg” không thực sự là tệp JPG." in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_other_units_get_404_and_reporters_cannot_accept(
    client: Client, demo: dict[str, Organisation], office: User, task: Task
) -> None:
    other = services.task_publish(
        task=make_task(demo, lead_unit=demo["lb-btc"], coordinating_units=[]), by=office
    )
    login(client, "baocao")
    assert client.get(detail(other)).status_code == 404
    assert client.post(reverse("assignments:progress", args=[other.pk])).status_code == 404
    services.completion_propose(task=task, by=User.objects.get(username="baocao"))
    response = client.post(reverse("assignments:accept", args=[task.pk]), {"on": "1/2/2021"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.completed_on is None


def test_propose_accept_and_statistics(
    client: Client, demo: dict[str, Organisation], task: Task
) -> None:
    login(client, "truongban")
    response = client.post(
        reverse("assignments:propose", args=[task.pk]), {"on": "20/12/2020", "note": "Xong"}
    )
    assert response.status_code == 302
    login(client, "vanphong")
    html = client.get(detail(task)).content.decode()
    assert "Công nhận kết quả" in html
    assert "Trả lại đơn vị chủ trì" in html
    response = client.post(reverse("assignments:accept", args=[task.pk]), {"on": "28/12/2020"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.completed_on == dt.date(2020, 12, 28)
    stats = client.get(reverse("assignments:statistics"), {"on": "2021-01-05"})
    rows, total = stats.context["rows"], stats.context["total"]
    assert total.assigned == 1
    assert total.done_on_time == 1
    assert total.percent_on_time == 100.0
    ((row, links),) = rows
    assert row.label == "Ban Tuyên giáo"
    listing = client.get(links["done_on_time"])
    assert [t.pk for t, _g, _s in listing.context["rows"]] == [task.pk]
    assert "Hoàn thành đúng hạn" in listing.content.decode()


def test_decision_errors_stay_on_the_page(office_client: Client, task: Task) -> None:
    response = office_client.post(
        reverse("assignments:deadline", args=[task.pk]),
        {
            "new_deadline": "1/9/2020",
            "reason": "Sai",
            "approved_by": "Thường trực",
            "on": "1/10/2020",
        },
    )
    assert response.status_code == 400
    assert "Thời hạn không được trước ngày giao nhiệm vụ (11/9/2020)." in response.content.decode()
    assert not DeadlineChange.objects.exists()


def make_mix(demo: dict[str, Organisation], office: User) -> None:
    def published(**kw: Any) -> Task:
        return services.task_publish(task=make_task(demo, **kw), by=office)

    on_time = published(content="Đúng hạn")
    Task.objects.filter(pk=on_time.pk).update(completed_on=dt.date(2020, 12, 20))
    late = published(content="Trễ hạn", lead_unit=demo["lb-bdv"])
    Task.objects.filter(pk=late.pk).update(completed_on=dt.date(2021, 1, 8))
    published(content="Quá hạn", lead_unit=demo["lb-bdv"], deadline=dt.date(2020, 12, 10))
    published(content="Trong hạn", lead_unit=demo["lb-ubkt"], deadline=dt.date(2021, 3, 31))
    make_task(demo, content="Bản nháp không tính")


def test_statistics_as_of_two_days(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    make_mix(demo, office)
    url = reverse("assignments:statistics")
    total = office_client.get(url, {"on": "15/12/2020"}).context["total"]
    assert (total.assigned, total.done_on_time, total.overdue, total.in_progress) == (4, 0, 1, 3)
    total = office_client.get(url, {"on": "2021-01-31"}).context["total"]
    counts = (total.done_on_time, total.done_late, total.overdue, total.in_progress)
    assert counts == (1, 1, 1, 1)
    assert total.percent_on_time == pytest.approx(33.3)
    by_month = office_client.get(url, {"on": "2021-01-31", "group": "month"}).context["rows"]
    assert [row.label for row, _links in by_month] == ["12/2020", "03/2021"]


def test_statistics_query_count_does_not_grow(
    office_client: Client,
    demo: dict[str, Organisation],
    office: User,
    django_assert_num_queries: Any,
) -> None:
    make_mix(demo, office)
    url = reverse("assignments:statistics")
    office_client.get(url)
    # Session, user, memberships, "follows any task?", open tasks, closed counts, tasks published
    # with a waived gap, units, the links of the units ended by the day (each lead unit placed in
    # the tree of the day), unit select, the years of the deadlines (the period select).
    with django_assert_num_queries(11) as first:
        office_client.get(url)
    make_mix(demo, office)
    make_task(demo, content="Thêm", lead_unit=demo["lb-hlhpn"])
    with django_assert_num_queries(len(first.captured_queries)):
        office_client.get(url)


def test_statistics_export(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    make_mix(demo, office)
    response = office_client.get(reverse("assignments:statistics_export"), {"on": "2021-01-31"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    assert rows[0][0] == "Thống kê kết quả thực hiện nhiệm vụ"
    assert rows[-1][:8] == ("Tổng cộng", 4, 1, 1, 1, 0, 1, 0)


def test_a_bad_as_of_date_says_so(office_client: Client) -> None:
    response = office_client.get(reverse("assignments:statistics"), {"on": "31/2/2020"})
    assert "“31/2/2020” không phải là ngày" in response.content.decode()


def test_anonymous_cannot_see_statistics(client: Client, db: None) -> None:
    assert client.get(reverse("assignments:statistics")).status_code == 302


def workbook(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Mã nhiệm vụ",
            "Tiến độ (%)",
            "Thời hạn mới",
            "Thao tác",
            "Lý do",
            "Người cho phép",
            "Ngày",
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("cap-nhat.xlsx", buffer.getvalue())


def test_bulk_update_all_or_nothing(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    first = services.task_publish(task=make_task(demo), by=office)
    second = services.task_publish(task=make_task(demo, content="Thứ hai"), by=office)
    bad = workbook(
        [
            [first.pk, 60, None, None, None, None, "15/11/2020"],
            [second.pk, None, "1/9/2020", None, "Lùi", "Thường trực", None],
            [999999, 10, None, None, None, None, None],
            [first.pk, None, None, "bay lên", None, None, None],
        ]
    )
    response = office_client.post(reverse("assignments:bulk"), {"file": bad})
    html = response.content.decode()
    plan = response.context["plan"]
    assert [row.number for row in plan.rows if row.errors] == [3, 4, 5]
    assert "Thời hạn không được trước ngày giao nhiệm vụ (11/9/2020)." in html
    assert "Không có nhiệm vụ này, hoặc bạn không được xem." in html
    assert "không có thao tác “bay lên”" in html
    assert not ProgressReport.objects.exists()
    assert office_client.post(reverse("assignments:bulk_confirm")).status_code == 302
    assert not ProgressReport.objects.exists()

    good = workbook(
        [
            [first.pk, 60, None, None, None, None, "15/11/2020"],
            [
                second.pk,
                None,
                "15/1/2021",
                None,
                "Chờ hướng dẫn",
                "Thường trực Quận ủy",
                "20/12/2020",
            ],
        ]
    )
    response = office_client.post(reverse("assignments:bulk"), {"file": good})
    assert response.context["plan"].is_valid
    assert not ProgressReport.objects.exists()  # the preview wrote nothing
    response = office_client.post(reverse("assignments:bulk_confirm"))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.progress == 60
    assert second.deadline == dt.date(2021, 1, 15)


def test_bulk_csv_and_bad_files(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    task = services.task_publish(task=make_task(demo), by=office)
    csv_file = SimpleUploadedFile(
        "cap-nhat.csv", f"Mã nhiệm vụ;Tiến độ (%)\n{task.pk};35\n".encode("utf-8-sig")
    )
    response = office_client.post(reverse("assignments:bulk"), {"file": csv_file})
    assert response.context["plan"].is_valid
    junk = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = office_client.post(reverse("assignments:bulk"), {"file": junk})
    assert "Tệp không phải bảng tính Excel (.xlsx) hay CSV." in response.content.decode()
    no_column = SimpleUploadedFile("x.csv", "Tiến độ (%)\n35\n".encode())
    response = office_client.post(reverse("assignments:bulk"), {"file": no_column})
    assert "Tệp thiếu các cột: Mã nhiệm vụ." in response.content.decode()


def test_reporter_bulk_update_refuses_what_it_may_not_do(
    reporter_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    task = services.task_publish(task=make_task(demo), by=office)
    file = workbook([[task.pk, None, "15/1/2021", None, "Lùi", "Tự quyết", None]])
    response = reporter_client.post(reverse("assignments:bulk"), {"file": file})
    assert "Chỉ cấp có thẩm quyền công nhận kết quả hoặc văn phòng được điều chỉnh thời hạn." in (
        response.content.decode()
    )


@pytest.mark.parametrize("action", ["deadline", "suspend", "return", "resume", "accept"])
def test_decisions_are_403_for_the_unit_and_404_for_others(
    client: Client, demo: dict[str, Organisation], office: User, task: Task, action: str
) -> None:
    data = {
        "new_deadline": "15/1/2021",
        "reason": "Lý do",
        "approved_by": "Tự quyết",
        "on": "1/12/2020",
    }
    if action in ("return", "accept"):
        services.completion_propose(task=task, by=policy.SYSTEM, on=dt.date(2020, 11, 30))
    if action == "resume":
        services.task_suspend(task=task, by=policy.SYSTEM, reason="Dừng", on=dt.date(2020, 11, 1))
    before = Task.objects.values().get(pk=task.pk)
    login(client, "baocao")
    assert client.post(reverse(f"assignments:{action}", args=[task.pk]), data).status_code == 403
    assert Task.objects.values().get(pk=task.pk) == before
    other = services.task_publish(
        task=make_task(demo, lead_unit=demo["lb-btc"], coordinating_units=[]), by=office
    )
    assert client.post(reverse(f"assignments:{action}", args=[other.pk]), data).status_code == 404


@pytest.mark.parametrize("action", ["propose", "split", "progress"])
def test_unit_actions_are_403_for_other_units(
    client: Client, demo: dict[str, Organisation], office: User, action: str
) -> None:
    coordinated_elsewhere = services.task_publish(
        task=make_task(demo, lead_unit=demo["lb-bdv"], coordinating_units=[demo["lb-mttq"]]),
        by=office,
    )
    User.objects.get(username="baocao").followed_tasks.add(coordinated_elsewhere)
    login(client, "baocao")
    # A follower reads the task but may not act for its units.
    assert client.get(detail(coordinated_elsewhere)).status_code == 200
    data = {"on": "1/12/2020", "content": "x", "lead_unit": demo["lb-dd-cd"].pk, "weight": 1}
    url = reverse(f"assignments:{action}", args=[coordinated_elsewhere.pk])
    assert client.post(url, data).status_code == 403
    assert Task.objects.count() == 1
    assert not ProgressReport.objects.exists()


def test_statistics_roll_up_to_the_level_below_the_scope(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    cell = services.task_publish(
        task=make_task(demo, content="Việc của công đoàn", lead_unit=demo["lb-dd-cd"]), by=office
    )
    services.task_publish(
        task=make_task(demo, content="Việc của Đảng bộ", lead_unit=demo["lb-dd"]), by=office
    )
    url = reverse("assignments:statistics")
    rows = office_client.get(url, {"on": "2020-12-15"}).context["rows"]
    ((row, links),) = rows
    assert (row.label, row.assigned) == ("Đảng bộ cơ quan Dân - Đảng", 2)
    listing = office_client.get(links["assigned"])
    assert len(listing.context["rows"]) == 2
    rows = office_client.get(url, {"on": "2020-12-15", "unit": demo["lb-dd"].pk}).context["rows"]
    assert {(r.label, r.assigned) for r, _l in rows} == {
        ("Đảng bộ cơ quan Dân - Đảng", 1),
        ("Công đoàn cơ quan Dân - Đảng", 1),
    }
    assert cell.pk


def test_the_office_sets_followers_who_then_see_the_task(
    office_client: Client, task: Task, demo: dict[str, Organisation]
) -> None:
    html = office_client.get(detail(task)).content.decode()
    assert "Người theo dõi" in html
    head = User.objects.get(username="truongban")
    outsider = User.objects.create_user("ngoai", full_name="Người ngoài")
    boxes = office_client.get(detail(task)).context["boxes"]
    form = next(box.form for box in boxes if box.spec.name == "followers")
    offered = set(form.fields["followers"].queryset.values_list("username", flat=True))
    assert {"vanphong", "lanhdao", "truongban", "baocao"} <= offered
    assert "ngoai" not in offered

    # Someone the form does not offer is refused, and nothing changes.
    response = office_client.post(
        reverse("assignments:followers", args=[task.pk]), {"followers": [outsider.pk]}
    )
    assert response.status_code == 400
    assert not task.followers.exists()

    response = office_client.post(
        reverse("assignments:followers", args=[task.pk]), {"followers": [head.pk]}
    )
    assert response.status_code == 302
    assert list(task.followers.all()) == [head]
    html = office_client.get(detail(task)).content.decode()
    assert "Trưởng ban Tuyên giáo (mẫu)" in html


def test_only_the_office_sets_followers(reporter_client: Client, task: Task) -> None:
    assert not reporter_client.get(detail(task)).context["actions"].followers
    head = User.objects.get(username="truongban")
    response = reporter_client.post(
        reverse("assignments:followers", args=[task.pk]), {"followers": [head.pk]}
    )
    assert response.status_code == 403
    assert not task.followers.exists()


def test_progress_is_shown_as_of_the_day(
    office_client: Client, task: Task, office: User, demo: dict[str, Organisation]
) -> None:
    for day, percent in [(dt.date(2020, 10, 15), 50), (dt.date(2020, 12, 20), 90)]:
        services.progress_report_create(
            task=task, by=office, unit=demo["lb-btg"], reported_on=day, done="x", percent=percent
        )
    # A coordinating unit's report does not move the task's progress.
    services.progress_report_create(
        task=task, by=office, unit=demo["lb-mttq"], reported_on=dt.date(2020, 11, 1), done="y",
        percent=100,
    )  # fmt: skip

    def listed(on: str) -> int:
        rows = office_client.get(reverse("assignments:list"), {"on": on}).context["rows"]
        ((row, _gaps, _status),) = rows
        return row.progress_on  # type: ignore[no-any-return]

    def shown(on: str) -> int:
        return office_client.get(detail(task), {"on": on}).context["progress"]  # type: ignore[no-any-return]

    assert (listed("2020-10-01"), shown("2020-10-01")) == (0, 0)
    # The task opened from the list of a past day is shown on that day.
    html = office_client.get(reverse("assignments:list"), {"on": "2020-12-01"}).content.decode()
    assert f'href="{detail(task)}?on=2020-12-01"' in html
    html = office_client.get(reverse("assignments:list")).content.decode()
    assert f'href="{detail(task)}"' in html
    assert (listed("2020-12-01"), shown("2020-12-01")) == (50, 50)
    assert (listed("2021-01-31"), shown("2021-01-31")) == (90, 90)
    assert (listed("2021-02-01"), shown("2021-02-01")) == (90, 90)
    reporter = User.objects.get(username="baocao")
    services.completion_propose(task=task, by=reporter, on=dt.date(2021, 1, 5))
    services.completion_accept(task=task, by=office, on=dt.date(2021, 1, 6))
    assert (listed("2021-01-05"), shown("2021-01-05")) == (90, 90)
    assert (listed("2021-01-06"), shown("2021-01-06")) == (100, 100)


def test_statistics_of_a_period_count_the_tasks_due_in_it(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    make_mix(demo, office)  # deadlines 31/12/2020 (×2), 10/12/2020, 31/3/2021
    url = reverse("assignments:statistics")
    page = office_client.get(url, {"on": "2021-01-31"})
    groups = page.context["form"].fields["period"].choices  # grouped by year
    choices = {
        value: label
        for group, options in groups
        if isinstance(options, list)
        for value, label in options
    }
    assert choices["quarter-2021-1"] == "Quý I năm 2021"
    assert choices["quarter-2020-4"] == "Quý IV năm 2020"
    assert choices["year-2020-0"] == "Năm 2020"
    assert "Kỳ (hạn trong kỳ)" in page.content.decode()

    def assigned(**params: str) -> int:
        response = office_client.get(url, {"on": "2021-01-31", **params})
        return response.context["total"].assigned  # type: ignore[no-any-return]

    assert assigned() == 4
    assert assigned(period="quarter-2020-4") == 3
    assert assigned(period="quarter-2021-1") == 1
    assert assigned(period="nine_months-2021-0") == 1
    # A date given by hand wins over the period's.
    assert assigned(period="quarter-2020-4", deadline_from="15/12/2020") == 2
    # The drill-down keeps the period's deadlines.
    line = office_client.get(url, {"on": "2021-01-31", "period": "quarter-2020-4"}).context[
        "total_line"
    ]
    assert "deadline_from=2020-10-01" in line.links["assigned"]
    assert "deadline_to=2020-12-31" in line.links["assigned"]
    # Not a period of the offered years: the form says so and counts everything.
    response = office_client.get(url, {"on": "2021-01-31", "period": "quarter-2015-1"})
    assert response.context["form"].errors["period"]
    assert response.context["total"].assigned == 4


def test_task_list_export_round_trips_through_the_bulk_update(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    """The list's Excel export shows each task's visible code; filled in, the same file is a
    bulk update."""
    make_mix(demo, office)
    formula = services.task_publish(
        task=make_task(demo, content='=HYPERLINK("http://x")', deliverable="@SUM(A1)"),
        by=office,
    )
    response = office_client.get(
        reverse("assignments:list_export"), {"on": "2021-01-31", "status": "overdue"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Mã nhiệm vụ")
    header, body = rows[header_at], [r for r in rows[header_at + 1 :] if r and r[0]]
    assert "Tình trạng ngày 31/01/2021" in header or any(
        str(h).startswith("Tình trạng ngày") for h in header
    )
    overdue = Task.objects.filter(content="Quá hạn").get()
    codes = {row[0] for row in body}
    assert f"NV-{overdue.pk}" in codes
    assert f"NV-{formula.pk}" in codes
    done = Task.objects.filter(content="Đúng hạn").get()
    assert f"NV-{done.pk}" not in codes  # the status filter applies
    cells = {c for row in body for c in row if isinstance(c, str)}
    assert '\'=HYPERLINK("http://x")' in cells
    assert '=HYPERLINK("http://x")' not in cells
    assert "'@SUM(A1)" in cells

    # Fill in the progress column and upload the same file.
    progress = header.index("Tiến độ (%)")
    book = Workbook()
    out = book.active
    out.append(header)
    out.append([f"NV-{overdue.pk}", *[None] * (progress - 1), 45])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())
    response = office_client.post(reverse("assignments:bulk"), {"file": upload})
    assert response.context["plan"].is_valid, [r.errors for r in response.context["plan"].rows]
    assert office_client.post(reverse("assignments:bulk_confirm")).status_code == 302
    overdue.refresh_from_db()
    assert overdue.progress == 45


def test_bulk_update_reads_the_visible_code(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    task = services.task_publish(task=make_task(demo), by=office)
    page = office_client.get(reverse("assignments:detail", args=[task.pk])).content.decode()
    assert f"NV-{task.pk}" in page
    csv_file = SimpleUploadedFile(
        "cap-nhat.csv", f"Mã nhiệm vụ;Tiến độ (%)\nnv {task.pk};35\n".encode("utf-8-sig")
    )
    assert (
        office_client.post(reverse("assignments:bulk"), {"file": csv_file}).context["plan"].is_valid
    )
    bad = SimpleUploadedFile("x.csv", "Mã nhiệm vụ;Tiến độ (%)\nNV-abc;35\n".encode("utf-8-sig"))
    html = office_client.post(reverse("assignments:bulk"), {"file": bad}).content.decode()
    assert "không phải mã nhiệm vụ" in html


def test_statistics_period_select_covers_the_years_of_the_data(
    office_client: Client, demo: dict[str, Organisation], office: User
) -> None:
    make_mix(demo, office)  # deadlines in 2020 and 2021; "today" is 1/2/2021
    with time_machine.travel(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), tick=False):
        office_client.force_login(office)  # the session of 2021 has expired by 2026
        html = office_client.get(reverse("assignments:statistics")).content.decode()
    assert 'value="quarter-2020-4"' in html
    assert 'value="year-2026-0"' in html
    assert '<optgroup label="2020">' in html
