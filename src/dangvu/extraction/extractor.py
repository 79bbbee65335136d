"""``extract``: from a Vietnamese conclusion or directive to its meeting and tasks."""

from __future__ import annotations

from datetime import date

from dangvu.extraction.dates import reference_date
from dangvu.extraction.meeting import (
    find_chair,
    find_directing_leader,
    find_host_speaker,
    find_organiser,
    meeting_date,
    organiser_from_title,
)
from dangvu.extraction.model import ExtractionResult, Meeting, Task
from dangvu.extraction.normalisation import normalise
from dangvu.extraction.segmentation import body_start
from dangvu.extraction.tasks import extract_tasks
from dangvu.extraction.validation import check_text


def extract(text: str, *, day: date | None = None) -> ExtractionResult:
    """Read ``text`` and return the meeting and the tasks.

    ``day`` is the meeting day when the caller already knows it (a conference's conclusion): a
    deadline's missing year is then taken from it when the text names no meeting date of its own.

    Offsets of each task refer to ``text`` itself (even when it is not NFC); ``task.text ==
    text[task.start:task.end]``. Raises ``ExtractionError`` (Vietnamese message) on empty,
    binary, oversized
    or non-Vietnamese input.
    """
    check_text(text)
    normalised = normalise(text)
    source = normalised.text
    start = body_start(source)
    held = meeting_date(source, start)
    organiser = find_organiser(source, start)
    chair = (
        find_chair(source, start)
        or find_host_speaker(source, organiser, start)
        or find_directing_leader(source, organiser, start)
    )
    meeting = Meeting(
        date=held,
        chair=chair.name if chair else None,
        chair_title=chair.title if chair else None,
        org=organiser or organiser_from_title(chair.title if chair else None),
    )
    reference = reference_date(source[start:], held or day)
    tasks: list[Task] = []
    for draft in extract_tasks(source, start, reference, organiser):
        begin = normalised.to_original(draft.start)
        end = normalised.to_original(draft.end)
        tasks.append(
            Task(
                text=text[begin:end],
                start=begin,
                end=end,
                group=draft.group,
                lead=draft.lead,
                coordinating=draft.coordinating,
                deadline=draft.deadline,
                deadline_iso=draft.deadline_iso,
                deliverable=draft.deliverable,
            )
        )
    return ExtractionResult(meeting=meeting, tasks=tasks)
