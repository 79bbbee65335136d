"""Pages of a reporting period: the list, opening one, its status board, its outline, asking
units and reminding the late ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import locking, policy
from dangvu.core.dates import today
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.core.policy import actor_of
from dangvu.org.models import Organisation
from dangvu.reports import permissions, selectors, services
from dangvu.reports.forms import OutlineForm, PeriodForm, RequestForm
from dangvu.reports.models import OutlineTemplate, Period

from ._common import (
    CONFLICT,
    REFUSED,
    committees_of,
    period_end,
    refuse_if_issued,
    show_to_office,
    units_under,
)


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.periods_visible_to(request.user).order_by("-starts_on", "-pk")
    context = {"periods": periods, "can_create": permissions.can_run_periods(request.user)}
    return render(request, "reports/period_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest) -> HttpResponse:
    show_to_office(request)
    committees = committees_of(request.user)
    form = PeriodForm(
        request.POST or None,
        committees=committees,
        units=_period_units(request, committees),
        templates=OutlineTemplate.objects.filter(committee__in=committees),
        initial={"committee": committees.first(), "year": today().year},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        committee = data.pop("committee")
        units = data.pop("units")
        template = data.pop("template")
        if template is not None:
            data["sections_text"] = template.sections_text
            data["indicators_text"] = template.indicators_text
        confirmed = data.pop("confirmed")
        warnings: list[str] = []
        try:
            with transaction.atomic():  # the period and its requests, or nothing
                period = services.period_create(committee=committee, by=actor_of(request), **data)
                services.contributions_request(period=period, units=units, by=actor_of(request))
                # the services' checks first; then what the office must confirm (rolled back)
                warnings = [] if confirmed else form.warnings(opened=period)
                if warnings:
                    transaction.set_rollback(True)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if warnings:
                form.ask_confirmation(warnings)
                return _period_form_page(request, form)
            messages.success(request, _("Reporting period opened."))
            return redirect("reports:period", pk=period.pk)
    return _period_form_page(request, form)


def _period_units(
    request: HttpRequest, committees: QuerySet[Organisation]
) -> QuerySet[Organisation]:
    """The new period's units: those of its last day; while that day is not known (a bad year
    typed), the ticked units stay offered so nothing chosen is lost."""
    if request.method != "POST":
        return units_under(committees, today())
    day = period_end(request.POST, None)
    if day is None:
        return units_under(committees, today(), keep=request.POST.getlist("units"))
    return units_under(committees, day)


def _period_form_page(request: HttpRequest, form: PeriodForm) -> HttpResponse:
    # its own page: the confirmation box stays hidden until there is something to confirm
    context = {
        "form": form,
        "title": _("New reporting period"),
        "cancel_url": reverse("reports:list"),
    }
    return render(request, "reports/period_form.html", context)


def period_page(
    request: HttpRequest, period: Period, *, request_form: RequestForm | None = None
) -> HttpResponse:
    """The status board: who submitted, who is late, who was returned."""
    can_manage = policy.allowed(request.user, "period.manage", period)
    rows = selectors.status_board(period, user=request.user)
    if request_form is None and can_manage:
        request_form = RequestForm(units=units_under(committees_of(request.user), period.ends_on))
    context = {
        "period": period,
        "rows": rows,
        "counts": selectors.status_counts(rows),
        "overdue": today() > period.due_on,
        "can_manage": can_manage,
        "request_form": request_form if can_manage else None,
        "issued": getattr(period, "issued", None),
    }
    status = REFUSED if request_form is not None and request_form.errors else 200
    return render(request, "reports/period_detail.html", context, status=status)


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return period_page(request, selectors.get_period_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def outline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    show_to_office(request, period)
    if (read_only := refuse_if_issued(request, period)) is not None:
        return read_only
    sections_text, indicators_text = services.outline_texts(period)
    initial = {
        "sections_text": sections_text,
        "indicators_text": indicators_text,
        "base_token": services.outline_token(period),
    }
    form = OutlineForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the outline and its template, or nothing
                services.outline_update(
                    period=period,
                    sections_text=data["sections_text"],
                    indicators_text=data["indicators_text"],
                    by=actor_of(request),
                    base_token=data["base_token"],
                )
                if data["save_as_template"]:
                    services.template_save(
                        committee=period.committee,
                        name=data["save_as_template"],
                        sections_text=data["sections_text"],
                        indicators_text=data["indicators_text"],
                        by=actor_of(request),
                    )
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, locking.EditConflict):
                # 409, what was typed kept; saving again now overwrites on purpose
                status = CONFLICT
                data = request.POST.copy()
                data["base_token"] = services.outline_token(period)
                form.data = data
        else:
            messages.success(request, _("Outline saved."))
            return redirect("reports:period", pk=period.pk)
    response = render_form_page(
        request, form, _("Outline and indicators"), reverse("reports:period", args=[period.pk])
    )
    response.status_code = status
    return response


@login_required
@require_POST
def contributions_request(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    form = RequestForm(request.POST, units=units_under(committees_of(request.user), period.ends_on))
    if not form.is_valid():
        if not policy.allowed(request.user, "period.manage", period):  # no form to show him
            raise PermissionDenied(_("Only the committee's office staff may do this."))
        return period_page(request, period, request_form=form)
    try:
        created = services.contributions_request(
            period=period, units=form.cleaned_data["units"], by=actor_of(request)
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return period_page(request, period, request_form=form)
    messages.success(request, _("%(count)d units asked.") % {"count": len(created)})
    return redirect("reports:period", pk=period.pk)


@login_required
@require_POST
def remind_late(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk)
    try:
        count = services.reminders_send(period=period, by=actor_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request, _("Reminder sent to %(count)d late units.") % {"count": count}
            )
        else:
            messages.info(request, _("No unit is late."))
    return redirect("reports:period", pk=period.pk)
