import datetime as dt
from types import SimpleNamespace

from dangvu.assignments.checks import six_clear_gaps


def task(**fields: object) -> SimpleNamespace:
    base: dict[str, object] = {
        "lead_unit_id": 1,
        "content": "Ban hành quy chế làm việc",
        "deadline": dt.date(2020, 12, 31),
        "deliverable": "Quy chế",
        "authority_id": 2,
    }
    return SimpleNamespace(**(base | fields))


def codes(t: SimpleNamespace) -> list[str]:
    return [gap.code for gap in six_clear_gaps(t)]


def test_a_complete_task_has_no_gaps() -> None:
    assert six_clear_gaps(task()) == []


def test_no_lead_unit_is_unclear_who_and_responsibility() -> None:
    assert codes(task(lead_unit_id=None)) == ["who", "responsibility"]


def test_each_missing_item_is_named_in_order() -> None:
    empty = task(lead_unit_id=None, content=" ", deadline=None, deliverable="", authority_id=None)
    assert codes(empty) == ["who", "what", "when", "responsibility", "product", "authority"]


def test_labels_are_translated() -> None:
    from django.utils import translation

    with translation.override("vi"):
        labels = [str(gap.label) for gap in six_clear_gaps(task(deadline=None))]
    assert labels == ["Rõ thời gian: chưa có thời hạn"]
