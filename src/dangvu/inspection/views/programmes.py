"""Programmes and plans: list, create, the plan with its progress, items entered or imported."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import background, policy, uploads
from dangvu.core.forms import add_service_errors
from dangvu.core.http import confirm_checked_job, render_form_page
from dangvu.inspection import exports, imports, services
from dangvu.inspection.background import APPLY, CHECK
from dangvu.inspection.forms import PlanImportForm, PlannedItemForm, ProgrammeForm, issuers_for
from dangvu.inspection.selectors import get_programme_for_user, plan_progress, programmes_visible_to
from dangvu.inspection.services import PlannedItemData
from dangvu.inspection.views.common import report_errors

SESSION_KEY = "inspection_plan_import"


def _detail(pk: int) -> str:
    return reverse("inspection:programme", args=[pk])


@login_required
def programme_list_view(request: HttpRequest) -> HttpResponse:
    if not policy.allowed(request.user, "inspection.use"):
        raise Http404(_("No such page."))
    return render(
        request,
        "inspection/programme_list.html",
        {
            "programmes": programmes_visible_to(request.user),
            "can_create": issuers_for(request.user).exists(),
        },
    )


@login_required
def programme_create_view(request: HttpRequest) -> HttpResponse:
    if not issuers_for(request.user).exists():
        raise PermissionDenied(_("You may not make inspection programmes."))
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(by=policy.actor_of(request), **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                form.add_error(None, str(error))
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, _("The programme has been created."))
            return redirect(_detail(programme.pk))
    return render_form_page(
        request, form, _("New inspection programme or plan"), reverse("inspection:programmes")
    )


@login_required
def programme_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    can_manage = policy.allowed(request.user, "inspection_programme.manage", programme)
    context: dict[str, Any] = {
        "programme": programme,
        "progress": plan_progress(programme),
        "can_manage": can_manage,
        "item_form": PlannedItemForm(
            user=request.user, programme=programme, initial={"planned_year": programme.year_from}
        )
        if can_manage
        else None,
        "import_form": PlanImportForm() if can_manage else None,
    }
    return render(request, "inspection/programme_detail.html", context)


@login_required
def planned_item_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    form = PlannedItemForm(request.POST or None, user=request.user, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_items_add(
                programme=programme,
                items=[PlannedItemData(**form.cleaned_data)],
                by=policy.actor_of(request),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The planned inspection has been added."))
            return redirect(_detail(programme.pk))
    return render_form_page(request, form, _("Add a planned inspection"), _detail(programme.pk))


@login_required
def plan_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview naming each row's errors; nothing is written until confirmed."""
    programme = get_programme_for_user(request.user, pk)
    if not policy.allowed(request.user, "inspection_programme.manage", programme):
        raise PermissionDenied(_("You may not change this programme."))
    form = PlanImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        name, data = uploads.read_upload(form.cleaned_data["file"], imports.MAX_BYTES)
        try:
            if background.deferred(data):  # a large workbook: the worker checks it
                job = background.enqueue(
                    kind=CHECK,
                    owner=request.user,
                    file_name=name,
                    data=data,
                    params={"programme": programme.pk},
                )
                return redirect("core:job", pk=job.pk)
            preview = imports.read_plan(programme, data, name)
        except (imports.PlanFileError, background.TooManyJobsError) as error:
            form.add_error("file", str(error))
        else:
            if preview.is_valid:
                request.session[SESSION_KEY] = {
                    "programme": programme.pk,
                    "items": preview.to_payload(),
                }
            else:
                request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "inspection/plan_import.html",
        {"programme": programme, "form": form, "preview": preview},
    )


@login_required
@require_POST
def plan_import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    back = reverse("inspection:plan_import", args=[programme.pk])
    if request.POST.get("job"):  # a large workbook the worker checked: the worker writes it too
        return confirm_checked_job(request, check_kind=CHECK, apply_kind=APPLY, back=back)
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("programme") != programme.pk:
        messages.error(request, _("Nothing to import: upload the workbook again."))
        return redirect(back)
    try:
        made = services.planned_items_add(
            programme=programme,
            items=imports.items_from_payload(stored["items"]),
            by=policy.actor_of(request),
        )
    except (ValidationError, PermissionDenied) as error:
        report_errors(request, error)
        return redirect(back)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("%(n)d planned inspections imported.") % {"n": len(made)})
    return redirect(_detail(programme.pk))


@login_required
def plan_template_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="ke-hoach-kiem-tra-mau.xlsx"'
    return response


@login_required
def plan_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk)
    response = HttpResponse(
        exports.plan_workbook(programme.title, plan_progress(programme)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{programme.pk}.xlsx"'
    return response
