"""The three steps in a real browser, as three users: the cell's head assesses the cell, the
advising body appraises and proposes, the committee's leader decides."""

from __future__ import annotations

from typing import Any

import pytest

from dangvu.evaluation.enums import Grade, Stage, SubjectKind
from dangvu.evaluation.models import Round
from tests.evaluation.conftest import round_, world  # noqa: F401 - the evaluation's world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")
    return page


def test_three_steps_as_three_users(
    browser: Any,
    live_server: Any,
    world: Any,  # noqa: F811
    round_: Round,  # noqa: F811
) -> None:
    base = live_server.url
    evaluation = round_.evaluations.get(
        organisation=world.cell2, subject_kind=SubjectKind.COLLECTIVE
    )
    criteria = list(evaluation.criteria_set.criteria.all())

    head = signed_in(browser, base, "head2")
    head.get_by_role("link", name="Đánh giá", exact=True).click()
    head.get_by_role("link", name=round_.title).click()
    head.get_by_role("link", name="Chi bộ A2").first.click()
    for i, criterion in enumerate(criteria):
        head.locator(f"#id_self-score_{criterion.pk}").fill(
            "12" if i == 0 else str(criterion.max_score)
        )
    head.get_by_label("Người ký (họ và tên)").fill("Bí thư Chi bộ A2")
    head.get_by_label("Ngày").fill("2020-12-10")
    head.get_by_role("button", name="Ký tự đánh giá").click()
    assert head.get_by_text("điểm 12 vượt quá điểm tối đa 10").is_visible()
    head.locator(f"#id_self-score_{criteria[0].pk}").fill("8")
    head.get_by_role("button", name="Ký tự đánh giá").click()
    assert head.locator("#stage").inner_text() == "Đã tự đánh giá"

    appraiser = signed_in(browser, base, "btc")
    appraiser.goto(f"{base}/evaluation/subjects/{evaluation.pk}/")
    appraiser.get_by_label("Người ký (họ và tên)").fill("Trưởng ban Tổ chức")
    appraiser.get_by_label("Ngày").fill("2020-12-20")
    appraiser.get_by_label("Mức đề xuất").select_option(label="Hoàn thành nhiệm vụ")
    appraiser.get_by_role("button", name="Ký thẩm định").click()
    assert appraiser.locator("#stage").inner_text() == "Đã thẩm định, đề xuất"

    leader = signed_in(browser, base, "leader")
    leader.goto(f"{base}/evaluation/subjects/{evaluation.pk}/")
    leader.get_by_label("Người ký (họ và tên)").fill("Bí thư Quận ủy")
    leader.get_by_label("Ngày").fill("2020-12-30")
    leader.get_by_role("button", name="Ký quyết định").click()
    assert leader.locator("#grade").inner_text() == "Hoàn thành nhiệm vụ"

    evaluation.refresh_from_db()
    assert evaluation.stage == Stage.DECIDED
    assert evaluation.grade == Grade.COMPLETE
    assert evaluation.self_signer == "Bí thư Chi bộ A2"
    assert evaluation.decided_level == world.committee
