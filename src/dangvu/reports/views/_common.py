"""What the report pages share: who is shown the office's forms, the committees and units a
user may pick from."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.periods import CutOff, covered_dates
from dangvu.org.models import Organisation
from dangvu.org.selectors import picker_day, picker_units
from dangvu.reports import permissions, selectors
from dangvu.reports.models import Period

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A refused form comes back with what was typed: 422 for bad input, 409 for an edit conflict.
REFUSED = 422
CONFLICT = 409


def show_to_office(request: HttpRequest, period: Period | None = None) -> None:
    """A page that is only the office's form (new period, outline, draft, issue): shown only
    to those the policy allows (403 otherwise). The services decide again when it is sent."""
    user = request.user
    shown = (
        permissions.can_run_periods(user)
        if period is None
        else policy.allowed(user, "period.manage", period)
    )
    if not shown:
        raise PermissionDenied(_("Only the committee's office staff may do this."))


def committees_of(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    return selectors.committees_managed_by(user)


def units_under(
    committees: QuerySet[Organisation], day: dt.date, *, keep: Any = ()
) -> QuerySet[Organisation]:
    """Units under the committees that exist on `day`, the period's last day: a period of a
    past year offers that year's units (the 2020 district units, for one). `keep`: units
    already chosen, still offered (a form refused before its period's day is known)."""
    condition = Q(pk__in=[])
    for path in committees.values_list("path", flat=True):
        condition |= Q(path__startswith=path) & ~Q(path=path)
    return picker_units(day, within=Organisation.objects.filter(condition), keep=keep)


def period_end(data: Any, default: dt.date | None) -> dt.date | None:
    """The last day of the period a bound form describes (typed, or from its kind, year and
    number), else `default`."""
    try:
        return covered_dates(
            kind=data.get("kind", ""),
            year=int(data.get("year") or 0),
            number=int(data["number"]) if str(data.get("number") or "").isdigit() else None,
            cut_off=data.get("cut_off") or CutOff.CALENDAR,
        )[1]
    except (ValueError, KeyError, AttributeError):
        return picker_day(data, "ends_on", default) if default else default


def user_unit(user: Actor | AnonymousUser) -> Organisation | None:
    return selectors.author_unit_of(user)


def refuse_if_issued(request: HttpRequest, period: Period) -> HttpResponse | None:
    """An editing page asked for (GET) once the report is issued: back to the report, which now
    only reads. A POST still goes to the service, which refuses."""
    if request.method == "GET" and getattr(period, "issued", None) is not None:
        messages.info(request, _("The report has been issued; the period can no longer change."))
        return redirect("reports:draft", pk=period.pk)
    return None
