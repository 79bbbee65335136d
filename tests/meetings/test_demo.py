"""Chapter 2 of the demo reads like the seed article."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from dangvu.assignments.enums import SourceKind
from dangvu.demo import meetings as chapter
from dangvu.meetings.enums import Attendance, ConferenceState
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation


def test_demo_conference(demo: dict[str, Organisation]) -> None:
    conference = Conference.objects.get(starts_at__date=dt.date(2020, 9, 11))
    start = timezone.localtime(conference.starts_at)
    assert (start.date(), start.hour < 12) == (dt.date(2020, 9, 11), True)
    assert conference.chair is not None
    assert conference.chair.full_name == "Ngô Mạnh Điềm"
    assert conference.state == ConferenceState.CLOSED
    agenda_item = conference.agenda.get()
    assert agenda_item.title == chapter.AGENDA_ITEM
    if agenda_item.document_reference:  # chapter 1 (reports) gave its draft
        assert agenda_item.document_reference.startswith("Dự thảo báo cáo: ")
    codes = set(conference.invitations.values_list("organisation__code", flat=True))
    assert {"lb-btc", "lb-vp", "lb-ttct", "lb-mttq", "lb-dukdn", "lb-dd-doan"} <= codes
    units = conference.invitations.filter(person__isnull=True)
    assert not units.exclude(attendance=Attendance.PRESENT).exists()
    # Attendance per person (issue 17), the absence with its reason.
    people = {i.person.full_name: i for i in conference.invitations.filter(person__isnull=False)}
    assert len(people) == len(chapter.PEOPLE) == 4
    absent = [i for i in people.values() if i.attendance != Attendance.PRESENT]
    assert [(i.attendance, bool(i.note)) for i in absent] == [(Attendance.EXCUSED, True)]
    conclusion = conference.conclusion
    number = str(conclusion.number)
    assert re.fullmatch(r"\d+-TB/QU", number)
    assert conclusion.issued_on == dt.date(2020, 9, 12)
    items = list(conclusion.items.order_by("number"))
    assert [i.number for i in items] == [1, 2, 3, 4]
    for item in items:
        assert item.task is not None
        assert item.task.source_kind == SourceKind.CONCLUSION
        assert item.task.original_text == item.text
        assert item.task.issued_on == dt.date(2020, 9, 11)
        assert item.task.source_reference == f"Thông báo {number}, mục {item.number}"
        # through the review's road: the committee accepts, never a bare task
        assert item.task.authority == conference.committee


def test_story_gets_the_tasks_in_item_order(db: None) -> None:
    from dangvu.demo import scenario

    captured = {}
    original = chapter.load

    def spy(story: dict) -> None:
        original(story)
        captured.update(story)

    chapter.load = spy  # type: ignore[assignment]
    try:
        scenario.load()
    finally:
        chapter.load = original  # type: ignore[assignment]
    tasks = captured["conclusion_tasks"]
    assert [t.original_text for t in tasks] == chapter.ITEMS
