"""The Party member import from Excel, done by the worker when the workbook is large
(`core.background`; small workbooks are checked in the request, `views.member_import_view`).
The jobs run as the person who uploaded the file: the check marks the rows of registers they do
not keep, and the writing goes through `services.member_create`, which asks the policy again."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background
from dangvu.evaluation import imports

CHECK = "evaluation.member_import_check"
APPLY = "evaluation.member_import_apply"


@background.kind(
    CHECK, title=gettext_lazy("Checking a Party member workbook"), template="core/_job_preview.html"
)
def member_import_check(ctx: background.JobContext) -> dict[str, Any]:
    """Read the workbook within the budgets and check every row, writing nothing."""
    ctx.progress(0, 2, _("Reading the workbook…"))
    rows = imports.read_rows(ctx.data, ctx.file_name)
    ctx.progress(1, 2, _("Checking %(count)d row(s)…") % {"count": len(rows)})
    rows = imports.check(rows, ctx.actor)
    return background.preview(
        rows,
        payload=imports.to_payload(rows),
        confirm_url="evaluation:member_import",
        confirm_label=_("Import these members"),
        back_url=reverse("evaluation:member_import"),
    )


@background.kind(APPLY, title=gettext_lazy("Importing Party members"))
def member_import_apply(ctx: background.JobContext) -> dict[str, Any]:
    """Write the checked rows, all or nothing, once (checked again as this person)."""
    rows = imports.from_payload(ctx.params.get("payload") or [])
    ctx.progress(0, len(rows), _("Importing…"))
    with ctx.writing():
        count = imports.apply(rows, ctx.actor)
        ctx.result = {
            "message": _("%(n)s members imported.") % {"n": count},
            "link": reverse("evaluation:members"),
            "link_label": _("Party members"),
        }
    return ctx.result
