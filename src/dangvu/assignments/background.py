"""The bulk task update from a file and the reading of a conclusion in Word, done by the worker
when the file is large (`core.background`); small files are read in the request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.assignments import bulk, conclusion_import
from dangvu.core import background
from dangvu.extraction import ExtractionError

CHECK = "assignments.bulk_check"
APPLY = "assignments.bulk_apply"


@background.kind(
    CHECK, title=gettext_lazy("Checking a task update file"), template="core/_job_preview.html"
)
def bulk_check(ctx: background.JobContext) -> dict[str, Any]:
    """Read the file within the budgets, then run every row through the services and roll back
    (as the page does for a small file)."""
    ctx.progress(0, 2, _("Reading the file…"))
    try:
        rows = bulk.read_rows(ctx.file_name, ctx.data)
    except bulk.BulkFileError as exc:
        raise ValidationError(str(exc)) from exc
    ctx.progress(1, 2, _("Checking %(count)d row(s)…") % {"count": len(rows)})
    plan = bulk.check_rows(rows, by=ctx.actor)
    return background.preview(
        plan.rows,
        payload=plan.to_payload(),
        confirm_url="assignments:bulk_confirm",
        confirm_label=_("Update the tasks"),
        back_url=reverse("assignments:bulk"),
    )


@background.kind(APPLY, title=gettext_lazy("Updating tasks from a file"))
def bulk_apply(ctx: background.JobContext) -> dict[str, Any]:
    """Write the checked rows, all or nothing, once."""
    payload = ctx.params.get("payload") or []
    ctx.progress(0, len(payload), _("Updating the tasks…"))
    with ctx.writing():
        count = bulk.apply_rows(payload, by=ctx.actor)
        ctx.result = {
            "message": _("Updated %(count)d row(s).") % {"count": count},
            "link": reverse("assignments:list"),
            "link_label": _("Tasks"),
        }
    return ctx.result


@background.kind(
    "assignments.conclusion_read", title=gettext_lazy("Reading a conclusion written in Word")
)
def conclusion_read(ctx: background.JobContext) -> dict[str, Any]:
    """The document's text, within the budgets; its tasks are then reviewed on the page."""
    ctx.progress(0, 1, _("Reading the document…"))
    try:
        text = conclusion_import.read_upload(ctx.file_name, ctx.data)
    except ExtractionError as exc:
        raise ValidationError(str(exc)) from exc
    return {
        "text": text,
        "message": _("The document was read (%(count)d characters).") % {"count": len(text)},
        "link": reverse("assignments:import") + f"?job={ctx.job.pk}",
        "link_label": _("Review its tasks"),
    }
