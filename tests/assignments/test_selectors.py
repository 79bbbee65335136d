import pytest
from django.http import Http404

from dangvu.accounts.models import User
from dangvu.assignments import selectors, services
from dangvu.assignments.enums import SixClearFilter
from dangvu.org.models import Organisation
from tests.assignments.conftest import make_task


@pytest.fixture
def tasks(demo: dict[str, Organisation], office: User) -> dict[str, object]:
    led = services.task_publish(task=make_task(demo, content="Ban Tuyên giáo chủ trì"), by=office)
    coordinated = services.task_publish(
        task=make_task(
            demo,
            content="Ban Tuyên giáo phối hợp",
            lead_unit=demo["lb-bdv"],
            coordinating_units=[demo["lb-btg"]],
        ),
        by=office,
    )
    draft = make_task(demo, content="Bản nháp của Ban Tuyên giáo")
    other = services.task_publish(
        task=make_task(
            demo, content="Việc của Ban Tổ chức", lead_unit=demo["lb-btc"], coordinating_units=[]
        ),
        by=office,
    )
    return {"led": led, "coordinated": coordinated, "draft": draft, "other": other}


def contents(user: User) -> set[str]:
    return {t.content for t in selectors.tasks_visible_to(user)}


def test_office_sees_every_task_of_its_committee(tasks: dict, office: User) -> None:
    assert len(contents(office)) == 4


def test_leader_reads_everything_under_them(tasks: dict, leader: User) -> None:
    assert len(contents(leader)) == 4


def test_reporter_sees_published_tasks_it_leads_or_coordinates(tasks: dict, reporter: User) -> None:
    assert contents(reporter) == {"Ban Tuyên giáo chủ trì", "Ban Tuyên giáo phối hợp"}


def test_a_task_the_reporter_may_not_see_is_404(tasks: dict, reporter: User) -> None:
    with pytest.raises(Http404):
        selectors.get_task_for_user(reporter, tasks["other"].pk)  # type: ignore[attr-defined]
    with pytest.raises(Http404):
        selectors.get_task_for_user(reporter, tasks["draft"].pk)  # type: ignore[attr-defined]
    with pytest.raises(Http404):
        selectors.get_task_for_user(reporter, "nope")
    led = selectors.get_task_for_user(reporter, tasks["led"].pk)  # type: ignore[attr-defined]
    assert led.content == "Ban Tuyên giáo chủ trì"


def test_filters(demo: dict[str, Organisation], office: User, tasks: dict) -> None:
    make_task(demo, content="Thiếu thời hạn", deadline=None)
    gaps = selectors.task_list(office, six_clear=SixClearFilter.GAPS)
    assert [t.content for t in gaps] == ["Thiếu thời hạn"]
    assert selectors.task_list(office, six_clear=SixClearFilter.COMPLETE).count() == 4
    by_unit = {t.content for t in selectors.task_list(office, unit=demo["lb-btg"])}
    assert by_unit == {
        "Ban Tuyên giáo chủ trì",
        "Ban Tuyên giáo phối hợp",
        "Bản nháp của Ban Tuyên giáo",
        "Thiếu thời hạn",
    }
