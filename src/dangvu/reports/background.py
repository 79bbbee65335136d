"""A unit's contribution written in Word and uploaded, read by the worker when the document is
large (`core.background`); smaller ones are read in the request (`views.attachment_upload`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import background
from dangvu.reports import selectors, services

IMPORT = "reports.contribution_import"


@background.kind(IMPORT, title=gettext_lazy("Reading a contribution written in Word"))
def contribution_import(ctx: background.JobContext) -> dict[str, Any]:
    """Split the document into the outline's sections and hold it for review, once."""
    contribution = selectors.get_contribution_for_user(ctx.actor, ctx.params["contribution"])
    ctx.progress(0, 1, _("Reading the document and splitting it into the outline's sections…"))
    with ctx.writing():
        services.contribution_import_docx(
            contribution=contribution, name=ctx.file_name, data=ctx.data, by=ctx.actor
        )
        ctx.result = {
            "message": _("Document read: review it below before applying it."),
            "link": reverse("reports:contribution", args=[contribution.pk]),
            "link_label": _("Review it"),
        }
    return ctx.result
