"""The organisation import from Excel, done by the worker when the workbook is large
(`core.background`; small workbooks are checked in the request, `org.views.import_upload`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background
from dangvu.org import imports

CHECK = "org.import_check"
APPLY = "org.import_apply"


@background.kind(
    CHECK,
    title=gettext_lazy("Checking an organisation workbook"),
    template="core/_job_preview.html",
)
def import_check(ctx: background.JobContext) -> dict[str, Any]:
    """Read the workbook within the budgets and check every row, writing nothing."""
    ctx.progress(0, 1, _("Reading and checking the workbook…"))
    try:
        plan = imports.read_workbook(ctx.data, by=ctx.actor, name=ctx.file_name)
    except imports.ImportFileError as exc:
        raise ValidationError(str(exc)) from exc
    return background.preview(
        plan.rows,
        payload=plan.to_payload(),
        confirm_url="org:import_confirm",
        confirm_label=_("Import"),
        back_url=reverse("org:import"),
    )


@background.kind(
    APPLY,
    title=gettext_lazy("Importing organisations and people"),
    # with the one-time password links of the accounts created, for the job's owner only
    template="org/_job_import_done.html",
)
def import_apply(ctx: background.JobContext) -> dict[str, Any]:
    """Write the checked workbook, all or nothing, once."""
    ctx.progress(0, 1, _("Importing…"))
    with ctx.writing():
        counts = imports.apply_plan_or_error(ctx.params.get("payload") or {}, by=ctx.actor)
        act = counts.pop("reorganisation")
        # The accounts created, by id: their links are made when the owner opens the result
        # (`org.templatetags.org_jobs`), never stored.
        accounts = [user.pk for user in counts.pop("accounts")]
        message = (
            _(
                "Imported: %(organisations)d organisation(s) created, %(updated)d updated, "
                "%(closed)d closed, %(links)d succession(s), %(positions)d position(s), "
                "%(roles)d role(s)."
            )
            % counts
        )
        ctx.result = {
            "message": message,
            "link": reverse("org:reorganisation", args=[act.pk])
            if act is not None
            else reverse("org:tree"),
            "link_label": _("See the result"),
            "accounts": accounts,
        }
    return ctx.result
