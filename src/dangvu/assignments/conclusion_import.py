"""Reading a conclusion (thông báo kết luận) into tasks.

The extractor finds the meeting and the tasks; this module turns its result into what the review
page needs (the source with each task's span marked, one row of initial values per task, the units
of the committee that existed on the meeting day, pre-matched by name), and creates the tasks the
office confirms, all in one transaction, through `services.task_create`.

Nothing is invented: a lead or deadline the text does not give stays empty, so that the 6-rõ check
shows it. The tasks are given on the meeting day (today when the text names none), which is the
day their units and deadline are checked against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dangvu.assignments import services
from dangvu.assignments.enums import SourceKind
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.core.uploads import UploadRefusedError, check_upload
from dangvu.extraction import (
    ExtractionError,
    ExtractionResult,
    Meeting,
    UnitIndex,
    extract,
    match_unit,
    text_from_docx,
)
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

MAX_FILE_BYTES = 10 * 1024 * 1024


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded .txt or .docx. Undecodable bytes become U+FFFD, so that the
    extractor recognises binary data and says so in its own words."""
    if len(data) > MAX_FILE_BYTES:
        raise ExtractionError(_("The file is too large."))
    lower = name.lower()
    if not lower.endswith((".docx", ".txt")):
        raise ExtractionError(_("Only .txt and .docx files can be read."))
    if lower.endswith(".docx"):
        try:  # paragraphs and expanded size within the budgets before python-docx reads it
            check_upload(name, data, {"docx"})
        except UploadRefusedError as exc:
            raise ExtractionError(" ".join(exc.messages)) from exc
        text = text_from_docx(data)
    else:
        text = data.decode("utf-8-sig", errors="replace")
    limit = settings.DANGVU_CONCLUSION_MAX_CHARS
    if len(text) > limit:
        raise ExtractionError(
            _("The text is longer than a conclusion can be (at most %(limit)d characters).")
            % {"limit": limit}
        )
    return text


def units_for(committee: Organisation, day: dt.date) -> QuerySet[Organisation]:
    """The committee and the units under it that exist on `day`: the choices for lead and
    coordinating units."""
    return organisations_on(day).filter(path__startswith=committee.path).order_by("path")


def _match(
    name: str | None, candidates: Sequence[tuple[int, str, str | None]] | UnitIndex
) -> int | None:
    return match_unit(name, candidates) if name else None


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> SafeString:
    """`text`, HTML-escaped, with each span in a numbered <mark> (spans sorted, never nested)."""
    out: list[str] = []
    position = 0
    for number, (start, end) in enumerate(spans, start=1):
        if start < position or end <= start:
            continue
        out.append(escape(text[position:start]))
        out.append(
            f'<mark class="task-span" id="span-{number}" data-task="{number}">'
            f'<sup class="task-number">{number}</sup>{escape(text[start:end])}</mark>'
        )
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def meeting_reference(result: ExtractionResult) -> str:
    meeting = result.meeting
    if meeting.date is None:
        reference = _("Conclusion")
    else:
        reference = _("Conclusion of the meeting of %(day)s") % {"day": short_date(meeting.date)}
    if meeting.chair:
        chair = meeting.chair
        if meeting.chair_title:
            chair = f"{chair} - {meeting.chair_title}"
        reference = f"{reference} ({chair})"
    return reference


@dataclass
class Review:
    text: str
    result: ExtractionResult
    marked_text: SafeString
    day: dt.date
    source_reference: str
    rows: list[dict[str, Any]]


def review(text: str, committee: Organisation) -> Review:
    """Extract `text` and prepare the review: raises `ExtractionError` on unusable input."""
    result = extract(text)
    day = result.meeting.date or today()
    # One index of the folded unit names per review, shared by every task's lead and coordinators.
    candidates = UnitIndex(
        [(o.pk, o.name, o.short_name or None) for o in units_for(committee, day)]
    )
    rows = []
    for task in result.tasks:
        lead = _match(task.lead, candidates)
        coordinating = [pk for name in task.coordinating if (pk := _match(name, candidates))]
        rows.append(
            {
                "include": True,
                "content": task.text.strip(),
                "original_text": task.text,
                "item": task.group or "",
                "lead_unit": lead,
                "lead_text": task.lead or "",
                "coordinating_units": list(dict.fromkeys(coordinating)),
                "coordinating_text": "; ".join(task.coordinating),
                "deadline": task.deadline_iso,
                "deadline_text": task.deadline or "",
                "deliverable": task.deliverable or "",
            }
        )
    return Review(
        text=text,
        result=result,
        marked_text=highlight(text, [(t.start, t.end) for t in result.tasks]),
        day=day,
        source_reference=meeting_reference(result),
        rows=rows,
    )


@dataclass(frozen=True)
class ReviewItem:
    """One item of a conference's conclusion, as the review reads it."""

    pk: int
    label: str  # "1.", "2. a)"
    text: str


def _fill(row: dict[str, Any], tasks: Sequence[Any], index: UnitIndex) -> None:
    """Prefill ``row`` from the tasks the extractor read inside one item: the first lead,
    deadline and product named, and every coordinating unit."""
    lead = next((t.lead for t in tasks if t.lead), None)
    deadline = next((t for t in tasks if t.deadline), None)
    coordinating = list(dict.fromkeys(name for t in tasks for name in t.coordinating))
    row["lead_text"] = lead or ""
    row["lead_unit"] = _match(lead, index)
    row["coordinating_units"] = list(
        dict.fromkeys(pk for name in coordinating if (pk := _match(name, index)))
    )
    row["coordinating_text"] = "; ".join(coordinating)
    row["deadline"] = deadline.deadline_iso if deadline else None
    row["deadline_text"] = deadline.deadline if deadline else ""
    row["deliverable"] = next((t.deliverable for t in tasks if t.deliverable), "") or ""


def review_items(
    *, preamble: str, items: Sequence[ReviewItem], committee: Organisation, day: dt.date
) -> Review:
    """The same reading and review as a pasted text, for the items of a conference's conclusion:
    one row per item, prefilled with its lead, coordinating units, deadline and product, matched
    to the units of ``committee`` that existed on ``day`` (the conference's day, which also gives
    a deadline's missing year). The source shown is the conclusion itself, each item marked."""
    lines = [preamble.strip()] if preamble.strip() else []
    spans: list[tuple[int, int]] = []
    position = len(lines[0]) + 1 if lines else 0
    for item in items:
        line = f"{item.label} {item.text.strip()}"
        start = position + len(item.label) + 1
        spans.append((start, position + len(line)))
        lines.append(line)
        position += len(line) + 1
    text = "\n".join(lines)
    result = extract(text, day=day) if text.strip() else ExtractionResult(Meeting(), [])
    index = UnitIndex([(o.pk, o.name, o.short_name or None) for o in units_for(committee, day)])
    rows = []
    for item, (start, end) in zip(items, spans, strict=True):
        inside = [t for t in result.tasks if start <= t.start < end]
        if not inside:
            # Read alone under a neutral heading: an item without a directive verb of its own.
            inside = extract(f"Kết luận:\n1. {item.text.strip()}", day=day).tasks
        # An item that holds several directives, each a task of its own as the extractor reads
        # it ("...; Văn phòng chuẩn bị ..."), gives one row each; a list of examples does not.
        parts = [[task] for task in inside] if len(inside) > 1 else [inside]
        for part in parts:
            row: dict[str, Any] = {
                "include": True,
                "content": part[0].text.strip() if len(parts) > 1 else item.text.strip(),
                "original_text": item.text,
                "item": item.label.rstrip(".").strip(),
                "conclusion_item": item.pk,
            }
            _fill(row, part, index)
            rows.append(row)
    return Review(
        text=text,
        result=result,
        marked_text=highlight(text, spans),
        day=day,
        source_reference="",
        rows=rows,
    )


@transaction.atomic
def create_tasks(
    *,
    committee: Organisation,
    issued_on: dt.date,
    source_reference: str,
    rows: Sequence[dict[str, Any]],
    by: Actor,
    authority: Organisation | None = None,
) -> list[Task]:
    """Create one task per row, all or none. A row's errors are reported with its number.
    ``authority`` (the organisation that accepts the results) is set on every task. Refused as a
    whole, before any row, unless `by` may give the committee tasks."""
    policy.require(
        by,
        "task.create",
        committee,
        message=_("Only the committee's office staff may give it tasks."),
    )
    created = []
    for number, row in enumerate(rows, start=1):
        item = row.get("item") or ""
        reference = source_reference
        if item:
            reference = f"{source_reference}, " + _("item %(item)s") % {"item": item}
        try:
            created.append(
                services.task_create(
                    committee=committee,
                    content=row["content"],
                    by=by,
                    source_kind=SourceKind.CONCLUSION,
                    source_reference=reference,
                    original_text=row.get("original_text", ""),
                    issued_on=issued_on,
                    lead_unit=row.get("lead_unit"),
                    lead_text=row.get("lead_text", ""),
                    coordinating_units=row.get("coordinating_units") or (),
                    deadline=row.get("deadline"),
                    deadline_text=row.get("deadline_text", ""),
                    deliverable=row.get("deliverable", ""),
                    authority=authority,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                [
                    _("Task %(number)s: %(error)s")
                    % {"number": row.get("number", number), "error": m}
                    for m in error.messages
                ]
            ) from error
    return created
