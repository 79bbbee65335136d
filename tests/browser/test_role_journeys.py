"""Each role's main journey in a real browser, at 1366 px and on a 390 px phone (issue 17):
sign in, find the work in "Việc cần làm", do the role's main action, get a refused form back with
what was typed, open a task's evidence (and be refused it when it is not one's task), and never
scroll sideways on the phone.

The world: the demo's organisations and accounts (no story chapters), on 2/11/2020 while Quận ủy
Long Biên exists, with two tasks of Ban Tuyên giáo: one in progress with a PDF as evidence, one
whose completion the unit has proposed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from dangvu.accounts.models import User
from dangvu.assignments import services
from dangvu.assignments.models import Evidence, Task
from dangvu.core.dates import today
from dangvu.demo import scenario
from dangvu.org.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1366, 390]
PHONE = 390
PDF = b"%PDF-1.4\n% bao cao tien do\n"


@dataclass
class World:
    base: str
    orgs: dict[str, Organisation]
    running: Task  # in progress, with a PDF as evidence
    proposed: Task  # completion proposed by the unit, waiting for the committee
    evidence: Evidence


def account(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def world(db: Any, live_server: Any, settings: Any) -> Iterator[World]:
    # Cookies must not carry 2020 expiry dates the browser would drop.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(dt.datetime(2020, 11, 2, 2, 0, tzinfo=dt.UTC), tick=True):
        orgs = scenario.load(chapters=())
        office, reporter, head = account("vanphong"), account("baocao"), account("truongban")
        day = today()
        tasks = []
        for content, deliverable in [
            ("Tổ chức tuyên truyền kết quả Đại hội Đảng bộ quận nhiệm kỳ 2020 - 2025", "Kế hoạch"),
            ("Tổng kết công tác dư luận xã hội năm 2020", "Báo cáo tổng kết"),
        ]:
            task = services.task_create(
                committee=orgs["lb-qu"],
                content=content,
                by=office,
                lead_unit=orgs["lb-btg"],
                deadline=day + dt.timedelta(days=30),
                deliverable=deliverable,
                authority=orgs["lb-qu"],
            )
            tasks.append(services.task_publish(task=task, by=office))
        running, proposed = tasks
        report = services.progress_report_create(
            task=running,
            by=reporter,
            unit=orgs["lb-btg"],
            done="Đã xây dựng dự thảo kế hoạch tuyên truyền",
            percent=40,
            files=[("du-thao-ke-hoach.pdf", PDF)],
        )
        services.progress_report_create(
            task=proposed, by=head, unit=orgs["lb-btg"], done="Đã có báo cáo tổng kết", percent=100
        )
        services.completion_propose(task=proposed, by=head, note="Báo cáo số 45-BC/BTG")
        yield World(
            base=live_server.url,
            orgs=orgs,
            running=Task.objects.get(pk=running.pk),
            proposed=Task.objects.get(pk=proposed.pk),
            evidence=report.evidence.get(),
        )


@pytest.fixture
def screen(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page at the width under test; a Content-Security-Policy violation fails the test."""
    width = request.param
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": width, "height": 900 if width > PHONE else 844},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert violations == [], violations


class Visit:
    """Goes to pages as one user and notes, at 390 px, every page that scrolls sideways."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.too_wide: dict[str, tuple[int, list[str]]] = {}

    @property
    def phone(self) -> bool:
        return bool(self.page.viewport_size["width"] <= PHONE)

    def settled(self) -> None:
        self.page.wait_for_load_state()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )
        if self.phone:
            width = int(self.page.evaluate("document.documentElement.scrollWidth"))
            if width > PHONE:
                self.too_wide[self.page.url.removeprefix(self.base)] = (width, self.overflowing())

    def overflowing(self) -> list[str]:
        """The innermost elements that reach past the screen's right edge (to say what to fix)."""
        return list(
            self.page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                        && ![...e.children].some(c => c.getBoundingClientRect().right
                            > window.innerWidth + 1))
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                        + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""
            )
        )

    def go(self, path: str) -> Any:
        response = self.page.goto(f"{self.base}{path}")
        self.settled()
        return response

    def sign_in(self, username: str) -> None:
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill("dangvu-demo")
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_url(f"{self.base}/")
        self.settled()

    def todo(self) -> Any:
        """The home page's "Việc cần làm" section."""
        section = self.page.get_by_role("region", name="Việc cần làm")
        assert section.get_by_role("heading", name="Việc cần làm").is_visible()
        return section

    def open_task_from_todo(self, group: str, task: Task) -> None:
        todo = self.todo().get_by_role("region", name=re.compile(group))
        assert todo.get_by_role("link", name=task.content).is_visible()
        todo.get_by_role("link", name=task.content).click()
        self.page.wait_for_url(f"**/tasks/{task.pk}/")
        self.settled()

    def evidence_opens(self, world: World) -> None:
        """The task page's evidence link downloads the PDF, as an attachment."""
        self.go(f"/tasks/{world.running.pk}/")
        link = self.page.get_by_role("link", name=world.evidence.name)
        with self.page.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == world.evidence.name
        with open(download.path(), "rb") as handle:
            assert handle.read() == PDF

    def fits_the_phone(self) -> None:
        assert self.too_wide == {}, "pages scroll sideways at 390 px"


def evidence_url(world: World) -> str:
    return f"/tasks/{world.running.pk}/evidence/{world.evidence.pk}/"


# --- the office (vanphong) -------------------------------------------------------------------


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_office_gives_a_task_and_a_refused_form_keeps_its_input(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("vanphong")
    # The proposal of Ban Tuyên giáo waits for the office.
    todo = visit.todo().get_by_role("region", name=re.compile("đề nghị công nhận hoàn thành"))
    assert todo.get_by_role("link", name=world.proposed.content).is_visible()

    visit.go("/tasks/new/")
    page = screen
    content = "Hướng dẫn các chi bộ học tập nghị quyết Đại hội Đảng bộ quận"
    page.get_by_label("Nội dung").fill(content)
    page.get_by_label("Đơn vị chủ trì").select_option(value=str(world.orgs["lb-btg"].pk))
    page.get_by_label("Sản phẩm").fill("Hướng dẫn số 01-HD/BTG")
    page.get_by_label("Ngày giao").fill("2020-11-02")
    page.get_by_label("Thời hạn", exact=True).fill("2020-10-01")  # before the day it is given
    page.get_by_role("button", name="Lưu").click()
    visit.settled()
    # Refused: the reason is shown, and everything typed is still there.
    assert page.locator(".error").first.is_visible()
    assert page.get_by_label("Nội dung").input_value() == content
    assert page.get_by_label("Sản phẩm").input_value() == "Hướng dẫn số 01-HD/BTG"
    assert page.get_by_label("Thời hạn", exact=True).input_value() == "2020-10-01"
    assert "Ban Tuyên giáo" in page.get_by_label("Đơn vị chủ trì").evaluate(
        "select => select.options[select.selectedIndex].text"
    )
    assert not Task.objects.filter(content=content).exists()

    page.get_by_label("Thời hạn", exact=True).fill("2020-12-15")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    visit.settled()
    task = Task.objects.get(content=content)
    assert task.deadline == dt.date(2020, 12, 15)
    assert task.lead_unit == world.orgs["lb-btg"]
    assert page.get_by_role("heading", name=content).is_visible()

    visit.evidence_opens(world)
    for path in ("/tasks/", "/tasks/statistics/", "/reports/", "/meetings/"):
        visit.go(path)
    visit.fits_the_phone()


# --- the unit's reporter (baocao) --------------------------------------------------------------


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_reporter_reports_progress_with_evidence(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("baocao")
    visit.open_task_from_todo("Nhiệm vụ cần báo cáo tiến độ", world.running)
    page = screen
    page.get_by_label("Kết quả đã thực hiện").fill("Đã tổ chức hội nghị báo cáo viên")
    page.get_by_label("Tiến độ (%)").fill("70")
    page.get_by_label("Tệp minh chứng").set_input_files(
        files=[{"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã ghi nhận báo cáo tiến độ.").wait_for()
    visit.settled()
    assert world.running.progress_reports.count() == 2
    assert page.get_by_role("link", name="ke-hoach.pdf", exact=True).is_visible()

    visit.evidence_opens(world)
    for path in ("/tasks/", "/reports/", "/notifications/"):
        visit.go(path)
    visit.fits_the_phone()


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_reporter_refused_progress_report_keeps_its_input(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("baocao")
    visit.go(f"/tasks/{world.running.pk}/")
    page = screen
    done = "Đã ban hành kế hoạch tuyên truyền, tổ chức hội nghị báo cáo viên"
    page.get_by_label("Kết quả đã thực hiện").fill(done)
    page.get_by_label("Tiến độ (%)").fill("70")
    page.get_by_label("Khó khăn, vướng mắc").fill("Thiếu kinh phí in tài liệu")
    # A file Dangvu does not take (a text file): refused by the server.
    page.get_by_label("Tệp minh chứng").set_input_files(
        files=[{"name": "ghi-chu.txt", "mimeType": "text/plain", "buffer": b"ghi chu"}]
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.locator(".error").first.wait_for(timeout=5_000)
    visit.settled()
    # The reason beside the form, in the site's own page, and everything typed still there.
    assert page.locator("header.topbar .brand").is_visible()  # the site's own page, not a fragment
    assert page.get_by_label("Kết quả đã thực hiện").input_value() == done
    assert page.get_by_label("Tiến độ (%)").input_value() == "70"
    assert page.get_by_label("Khó khăn, vướng mắc").input_value() == "Thiếu kinh phí in tài liệu"
    assert world.running.progress_reports.count() == 1
    visit.fits_the_phone()


# --- the unit's head (truongban) ---------------------------------------------------------------


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_unit_head_proposes_completion(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("truongban")
    visit.open_task_from_todo("Nhiệm vụ cần báo cáo tiến độ", world.running)
    page = screen
    page.locator("summary", has_text="Đề nghị công nhận hoàn thành").click()
    page.get_by_label("Kết quả và sản phẩm").fill("Kế hoạch số 12-KH/BTG đã ban hành")
    page.get_by_role("button", name="Đề nghị công nhận hoàn thành").click()
    page.get_by_text("Đã đề nghị công nhận hoàn thành").first.wait_for()
    visit.settled()
    assert Task.objects.get(pk=world.running.pk).completion_proposed_on == today()

    visit.evidence_opens(world)
    for path in ("/", "/tasks/", "/reports/"):
        visit.go(path)
    visit.fits_the_phone()


# --- the committee's leader (lanhdao) ----------------------------------------------------------


@pytest.mark.parametrize(
    "screen",
    WIDTHS,
    indirect=True,
    ids=lambda w: f"{w}px",
)
def test_leader_accepts_a_proposed_completion(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("lanhdao")
    visit.open_task_from_todo("đề nghị công nhận hoàn thành", world.proposed)
    page = screen
    page.get_by_role("button", name="Công nhận hoàn thành").click()
    page.get_by_text("Đã công nhận hoàn thành.").wait_for()
    visit.settled()
    assert Task.objects.get(pk=world.proposed.pk).completed_on == today()

    visit.evidence_opens(world)
    for path in ("/", "/tasks/", "/tasks/statistics/", "/meetings/"):
        visit.go(path)
    visit.fits_the_phone()


# --- the evidence is refused to whoever may not read the task ---------------------------------


@pytest.mark.parametrize("screen", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_evidence_is_refused_to_another_unit(screen: Any, world: World) -> None:
    visit = Visit(screen, world.base)
    visit.sign_in("phuongbode")  # a ward's reporter: not this task's unit nor its committee
    response = visit.go(evidence_url(world))
    assert response.status == 404
    assert "du-thao-ke-hoach" not in screen.content()
    assert screen.get_by_role("link", name="Trang chủ").first.is_visible()  # the site's layout
    response = visit.go(f"/tasks/{world.running.pk}/")
    assert response.status == 404
    visit.fits_the_phone()
