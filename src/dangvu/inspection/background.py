"""The import of a programme's planned inspections from Excel, done by the worker when the
workbook is large (`core.background`; small workbooks are checked in the request,
`views.programmes.plan_import_view`). The jobs run as the person who uploaded the file: both
find the programme among those this person may see and ask the policy again
(`inspection_programme.manage`); `services.planned_items_add` asks it once more as it writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background, policy
from dangvu.inspection import imports, services
from dangvu.inspection.models import Programme
from dangvu.inspection.selectors import get_programme_for_user

CHECK = "inspection.plan_import_check"
APPLY = "inspection.plan_import_apply"


def _programme(ctx: background.JobContext, pk: object) -> Programme:
    programme = get_programme_for_user(ctx.actor, pk)  # Http404: the job fails with a message
    policy.require(
        ctx.actor,
        "inspection_programme.manage",
        programme,
        message=_("You may not change this programme."),
    )
    return programme


@background.kind(
    CHECK,
    title=gettext_lazy("Checking a workbook of planned inspections"),
    template="core/_job_preview.html",
)
def plan_import_check(ctx: background.JobContext) -> dict[str, Any]:
    """Read the workbook within the budgets and check every row, writing nothing."""
    programme = _programme(ctx, ctx.params.get("programme"))
    ctx.progress(0, 1, _("Reading and checking the workbook…"))
    try:
        plan = imports.read_plan(programme, ctx.data, ctx.file_name)
    except imports.PlanFileError as exc:
        raise ValidationError(str(exc)) from exc
    return background.preview(
        plan.rows,
        payload={"programme": programme.pk, "items": plan.to_payload()},
        confirm_path=reverse("inspection:plan_import_confirm", args=[programme.pk]),
        confirm_label=_("Import these rows"),
        back_url=reverse("inspection:plan_import", args=[programme.pk]),
    )


@background.kind(APPLY, title=gettext_lazy("Importing planned inspections"))
def plan_import_apply(ctx: background.JobContext) -> dict[str, Any]:
    """Write the checked rows, all or nothing, once."""
    payload = ctx.params.get("payload") or {}
    programme = _programme(ctx, payload.get("programme"))
    items = imports.items_from_payload(payload.get("items") or [])
    ctx.progress(0, len(items), _("Importing…"))
    with ctx.writing():
        made = services.planned_items_add(programme=programme, items=items, by=ctx.actor)
        ctx.result = {
            "message": _("%(n)d planned inspections imported.") % {"n": len(made)},
            "link": reverse("inspection:programme", args=[programme.pk]),
            "link_label": _("See the programme"),
        }
    return ctx.result
