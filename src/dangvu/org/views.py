"""Pages of the organisation tree. Reads come from selectors, writes from services; only office
staff and administrators reach the forms (others get 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core.audit import entries_for
from dangvu.core.dates import within
from dangvu.core.forms import add_service_errors
from dangvu.core.http import as_of, render_form_page, render_page_or_partial
from dangvu.org import imports, permissions, selectors, services
from dangvu.org.forms import (
    ImportUploadForm,
    OrganisationCloseForm,
    OrganisationCreateForm,
    OrganisationUpdateForm,
    SuccessionForm,
)
from dangvu.org.models import Organisation

IMPORT_SESSION_KEY = "org_import_payload"


def _require_manager(request: HttpRequest, organisation: Organisation | None) -> None:
    user = request.user
    allowed = (
        permissions.can_create_root_organisation(user)
        if organisation is None
        else permissions.can_manage_organisation(user, organisation)
    )
    if not allowed:
        raise PermissionDenied(_("Only office staff and administrators may change organisations."))


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    day, date_error = as_of(request)
    roots = selectors.organisation_tree(day)
    context = {
        "day": day,
        "date_error": date_error,
        "roots": roots,
        "can_manage": permissions.can_manage_organisations(request.user),
    }
    return render_page_or_partial(request, "org/tree.html", "tree", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    day, date_error = as_of(request)
    context = {
        "organisation": organisation,
        "day": day,
        "date_error": date_error,
        "exists_on_day": within(day, organisation.valid_from, organisation.valid_to),
        "ancestors": selectors.ancestors(organisation),
        "children": selectors.organisations_on(day).filter(parent=organisation),
        "positions": selectors.positions_on(organisation, day),
        "position_history": selectors.position_history(organisation),
        "terms": organisation.terms.all(),
        "predecessors": selectors.predecessors(organisation),
        "successors": selectors.successors(organisation),
        "audit_entries": entries_for(organisation)[:20],
        "can_manage": permissions.can_manage_organisation(request.user, organisation),
    }
    return render(request, "org/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied(_("Only office staff and administrators may change organisations."))
    # The choices are what the user manages, so the chosen parent is always allowed.
    form = OrganisationCreateForm(
        request.POST or None,
        parents=selectors.organisations_manageable_by(request.user),
        initial={"parent": request.GET.get("parent")},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["parent"] is None and not permissions.can_create_root_organisation(
            request.user
        ):
            form.add_error("parent", _("Choose the organisation it belongs to."))
        else:
            try:
                organisation = services.organisation_create(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Created %(name)s.") % {"name": organisation.name})
                return redirect("org:detail", pk=organisation.pk)
    return render_form_page(request, form, _("New organisation"), reverse("org:tree"))


@login_required
@require_http_methods(["GET", "POST"])
def update(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    _require_manager(request, organisation)
    initial = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "issuer_code": organisation.issuer_code,
        "sort_order": organisation.sort_order,
    }
    form = OrganisationUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:detail", pk=organisation.pk)
    title = _("Edit %(name)s") % {"name": organisation.name}
    return render_form_page(request, form, title, reverse("org:detail", args=[organisation.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    _require_manager(request, organisation)
    form = OrganisationCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.organisation_close(
                organisation=organisation, on=form.cleaned_data["on"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Closed %(count)d organisation(s).") % {"count": len(closed)},
            )
            return redirect("org:detail", pk=organisation.pk)
    title = _("Close %(name)s") % {"name": organisation.name}
    return render_form_page(request, form, title, reverse("org:detail", args=[organisation.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def succeed(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    _require_manager(request, organisation)
    candidates = Organisation.objects.filter(valid_from__gt=organisation.valid_from).order_by(
        "path"
    )
    form = SuccessionForm(request.POST or None, successors=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.succession_add(predecessor=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Succession recorded."))
            return redirect("org:detail", pk=organisation.pk)
    title = _("Add a successor to %(name)s") % {"name": organisation.name}
    return render_form_page(request, form, title, reverse("org:detail", args=[organisation.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied(_("Only office staff and administrators may change organisations."))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    plan = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = imports.read_workbook(upload.read(), name=upload.name)
        except imports.ImportFileError as error:
            file_error = str(error)
        else:
            if plan.is_valid:
                request.session[IMPORT_SESSION_KEY] = plan.to_payload()
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
    return render(
        request,
        "org/import.html",
        {"form": form, "plan": plan, "file_error": file_error},
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied(_("Only office staff and administrators may change organisations."))
    payload = request.session.get(IMPORT_SESSION_KEY)
    if not payload:
        messages.error(request, _("There is no checked import to confirm; upload the file again."))
        return redirect("org:import")
    try:
        counts = imports.apply_plan_or_error(payload, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("org:import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(organisations)d organisation(s) and %(positions)d position(s).") % counts,
    )
    return redirect(reverse("org:tree"))


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="dangvu-to-chuc.xlsx"'
    return response
