"""Bulk update of tasks from an Excel or CSV file, all or nothing.

One row per task, by its code (NV-12, as the pages and the task list export show it): a
progress percentage (recorded as a report of the lead unit), a new deadline (with its reason and
who approved it), and an action (propose, accept, return, suspend, resume). `check_rows` runs
every row through the same services as the pages inside a transaction that it then rolls back,
so the preview's row-by-row errors are exactly the refusals the real run would meet;
`apply_rows` runs them again and keeps them only when no row fails.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from openpyxl import Workbook

from dangvu.assignments import selectors, services
from dangvu.assignments.models import parse_task_code
from dangvu.core.dates import in_range, parse_date, range_message
from dangvu.core.policy import Actor
from dangvu.core.sheets import heading_index, is_blank, values_by_heading
from dangvu.core.uploads import UploadRefusedError, check_upload, csv_rows, sheet_rows

COLUMNS = {
    "task": "Mã nhiệm vụ",
    "percent": "Tiến độ (%)",
    "done": "Nội dung báo cáo",
    "deadline": "Thời hạn mới",
    "action": "Thao tác",
    "reason": "Lý do",
    "approved_by": "Người cho phép",
    "day": "Ngày",
}
REQUIRED = ("task",)
ACTIONS = {
    "đề nghị hoàn thành": "propose",
    "công nhận hoàn thành": "accept",
    "trả lại": "return",
    "tạm dừng": "suspend",
    "tiếp tục": "resume",
}
ACTIONS |= {value: value for value in list(ACTIONS.values())}
MAX_ROWS = 5000


class BulkFileError(Exception):
    """The file cannot be read as a bulk update at all."""


@dataclass
class Row:
    number: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


@dataclass
class BulkPlan:
    rows: list[Row]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    def to_payload(self) -> list[dict[str, Any]]:
        return [{"number": row.number, "values": row.values} for row in self.rows]


def _table(name: str, data: bytes) -> list[list[Any]]:
    try:  # kind, size, rows and columns within the budgets before anything is expanded
        kind = check_upload(name, data, {"xlsx", "csv"})
    except UploadRefusedError as exc:
        if exc.code in ("kind", "sniff", "damaged") and exc.messages[0] != _(
            "The CSV file is not in UTF-8."
        ):
            raise BulkFileError(
                _("The file is neither an Excel workbook (.xlsx) nor a CSV.")
            ) from exc
        raise BulkFileError(" ".join(exc.messages)) from exc
    if kind == "csv":
        try:
            return csv_rows(name, data)
        except UploadRefusedError as exc:
            raise BulkFileError(" ".join(exc.messages)) from exc
    try:
        rows = sheet_rows(data)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise BulkFileError(_("The file is neither an Excel workbook (.xlsx) nor a CSV.")) from exc
    return rows or []


def read_rows(name: str, data: bytes) -> list[Row]:
    """The rows of the file by their headings (the first row); BulkFileError when unusable."""
    table = _table(name, data)
    if not table:
        raise BulkFileError(_("The file is empty."))
    header = heading_index(table[0])
    missing = [h for key, h in COLUMNS.items() if key in REQUIRED and h.casefold() not in header]
    if missing:
        raise BulkFileError(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        if is_blank(raw):
            continue
        rows.append(Row(number=number, values=values_by_heading(raw, header, COLUMNS)))
        if len(rows) > MAX_ROWS:
            raise BulkFileError(_("Too many rows (at most %(max)d).") % {"max": MAX_ROWS})
    return rows


def _parse(row: Row) -> dict[str, Any] | None:
    """Typed values of the row, or None with the row's errors filled in."""
    v = row.values
    out: dict[str, Any] = {}
    out["task"] = parse_task_code(v["task"])
    if out["task"] is None:
        row.errors.append(
            _("“%(column)s”: “%(value)s” is not a task code (write it as on the task page: NV-12).")
            % {"column": COLUMNS["task"], "value": v["task"]}
        )
    out["percent"] = None
    if v["percent"]:
        try:
            out["percent"] = int(float(v["percent"].rstrip("%").replace(",", ".")))
        except (ValueError, OverflowError):  # "1e999" and "inf" are not percentages
            row.errors.append(
                _("“%(column)s”: “%(value)s” is not a number.")
                % {"column": COLUMNS["percent"], "value": v["percent"]}
            )
    for key in ("deadline", "day"):
        out[key] = None
        if v[key]:
            out[key] = parse_date(v[key])
            if out[key] is None:
                row.errors.append(
                    _("“%(column)s”: “%(value)s” is not a date (write 11/9/2020).")
                    % {"column": COLUMNS[key], "value": v[key]}
                )
            elif not in_range(out[key]):
                row.errors.append(f"“{COLUMNS[key]}”: {range_message()}")
                out[key] = None
    out["action"] = ""
    if v["action"]:
        out["action"] = ACTIONS.get(v["action"].strip().casefold(), "")
        if not out["action"]:
            row.errors.append(
                _("“%(column)s”: unknown action “%(value)s” (use: %(choices)s).")
                % {
                    "column": COLUMNS["action"],
                    "value": v["action"],
                    "choices": ", ".join(list(ACTIONS)[:5]),
                }
            )
    if out["percent"] is None and out["deadline"] is None and not out["action"]:
        row.errors.append(_("The row changes nothing (no progress, deadline or action)."))
    return None if row.errors else out


def _run_row(values: dict[str, Any], *, by: Actor) -> None:
    """One row through the services, in order: progress, deadline, action."""
    task = selectors.get_task_for_user(by, values["task"])
    day = values["day"]
    reason = values["reason"]
    if values["percent"] is not None:
        if task.lead_unit is None:
            raise ValidationError(_("The task has no lead unit to report for."))
        services.progress_report_create(
            task=task,
            by=by,
            unit=task.lead_unit,
            done=values["done"] or _("Progress updated from a file."),
            percent=values["percent"],
            reported_on=day,
        )
    if values["deadline"] is not None:
        services.deadline_change(
            task=task,
            by=by,
            new_deadline=values["deadline"],
            reason=reason,
            approved_by=values["approved_by"],
            on=day,
        )
    action = values["action"]
    if action == "propose":
        services.completion_propose(task=task, by=by, on=day, note=reason)
    elif action == "accept":
        services.completion_accept(task=task, by=by, on=day, note=reason)
    elif action == "return":
        services.completion_return(task=task, by=by, reason=reason, on=day)
    elif action == "suspend":
        services.task_suspend(task=task, by=by, reason=reason, on=day)
    elif action == "resume":
        services.task_resume(task=task, by=by)


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    if isinstance(exc, Http404):
        return [_("No such task, or you may not see it.")]
    return [str(exc)]


class _RollbackError(Exception):
    """Undo the preview's writes."""


def _run_all(rows: list[Row], *, by: Actor) -> None:
    """Run each checkable row, each in its own savepoint; errors go on the row."""
    for row in rows:
        values = _parse(row)
        if values is None:
            continue
        values |= {k: row.values[k] for k in ("done", "reason", "approved_by")}
        try:
            with transaction.atomic():
                _run_row(values, by=by)
        except (ValidationError, PermissionDenied, Http404) as exc:
            row.errors.extend(_messages(exc))


def check_rows(rows: list[Row], *, by: Actor) -> BulkPlan:
    """The preview: every row through the services, then everything rolled back."""
    try:
        with transaction.atomic():
            _run_all(rows, by=by)
            raise _RollbackError
    except _RollbackError:
        pass
    return BulkPlan(rows=rows)


def apply_rows(payload: list[dict[str, Any]], *, by: Actor) -> int:
    """Write the checked rows in one transaction; any refusal now (the data changed since the
    preview) writes nothing and raises a ValidationError saying which row."""
    rows = [Row(number=item["number"], values=dict(item["values"])) for item in payload]
    with transaction.atomic():
        _run_all(rows, by=by)
        failed = [row for row in rows if row.errors]
        if failed:
            transaction.set_rollback(True)
            first = failed[0]
            raise ValidationError(
                _("Nothing was updated: row %(row)d — %(detail)s")
                % {"row": first.number, "detail": "; ".join(first.errors)}
            )
    return len(rows)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cập nhật nhiệm vụ"
    sheet.append(list(COLUMNS.values()))
    sheet.append(["NV-1", "60", "Đã hoàn thành dự thảo", "", "", "", "", "15/11/2020"])
    sheet.append(
        ["NV-2", "", "", "15/1/2021", "", "Chờ hướng dẫn cấp trên", "Thường trực Quận ủy", ""]
    )
    sheet.append(["NV-3", "", "", "", "công nhận hoàn thành", "", "", "28/12/2020"])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
