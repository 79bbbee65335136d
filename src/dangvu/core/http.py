"""Helpers for views: the date a page is viewed "as of", HTMX-aware rendering."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.core.dates import in_range, parse_date, range_message, today


def as_of(request: HttpRequest, param: str = "on") -> tuple[dt.date, str | None]:
    """The day asked for in `?on=`, or today; with an error message when the value is not a date."""
    raw = request.GET.get(param, "").strip()
    if not raw:
        return today(), None
    day = parse_date(raw)
    if day is None:
        return today(), _("“%(value)s” is not a date; showing today.") % {"value": raw}
    if not in_range(day):
        return today(), range_message() + " " + _("Showing today.")
    return day, None


def render_form_page(request: HttpRequest, form: Form, title: str, cancel_url: str) -> HttpResponse:
    """The one page layout for a single form: title, fields with their errors, Save, Cancel."""
    return render(
        request, "form_page.html", {"form": form, "title": title, "cancel_url": cancel_url}
    )


def render_page_or_partial(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or only the named partial when HTMX asks for it."""
    if getattr(request, "htmx", False):
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def confirm_checked_job(
    request: HttpRequest, *, check_kind: str, apply_kind: str, back: str
) -> HttpResponse:
    """Confirm a large file the worker checked (`core.background.confirm`): its job page, or
    back to the upload page `back` (a URL name) with the reason."""
    from dangvu.core import background

    try:
        job = background.confirm(
            request.user, request.POST["job"], check_kind=check_kind, apply_kind=apply_kind
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    except background.TooManyJobsError as error:
        messages.error(request, str(error))
        return redirect(back)
    return redirect("core:job", pk=job.pk)
