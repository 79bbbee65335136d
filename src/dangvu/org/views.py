"""Pages of the organisation tree. Reads come from selectors, writes from services; only office
staff and administrators reach the forms (others get 403)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import background, policy
from dangvu.core.audit import entries_for
from dangvu.core.dates import today, within
from dangvu.core.forms import add_service_errors
from dangvu.core.http import as_of, render_form_page, render_page_or_partial
from dangvu.core.policy import Actor
from dangvu.org import handover, imports, permissions, selectors, services
from dangvu.org.enums import Role
from dangvu.org.forms import (
    ImportUploadForm,
    MembershipEndForm,
    MembershipGrantForm,
    OrganisationCloseForm,
    OrganisationCreateForm,
    OrganisationUpdateForm,
    SuccessionEditForm,
    SuccessionForm,
)
from dangvu.org.models import Membership, Organisation, Succession

IMPORT_SESSION_KEY = "org_import_payload"


def _actor(request: HttpRequest) -> Actor:
    """The signed-in user as the services' actor (the login is required before)."""
    return cast(Actor, request.user)


_REFUSAL = gettext_lazy("Only office staff and administrators may change organisations.")


def _require_manager(request: HttpRequest, organisation: Organisation | None) -> None:
    """Whether to show the form at all (the services decide again when writing)."""
    action = "organisation.create_under" if organisation is None else "organisation.update"
    if not policy.allowed(request.user, action, organisation):
        raise PermissionDenied(_REFUSAL)


SEARCH_LIMIT = 50


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The tree on a day, collapsed (roots and the level under them; deeper levels load on
    demand), or the organisations whose name matches `q` at any time, ended ones marked."""
    day, date_error = as_of(request)
    query = request.GET.get("q", "").strip()[:100]
    context: dict[str, Any] = {
        "day": day,
        "date_error": date_error,
        "query": query,
        "can_manage": permissions.can_manage_organisations(request.user),
    }
    if query:
        found = list(selectors.organisation_search(query=query)[: SEARCH_LIMIT + 1])
        context["results"] = found[:SEARCH_LIMIT]
        context["more"] = len(found) > SEARCH_LIMIT
    else:
        context["roots"] = selectors.tree_first_page(day)
    return render_page_or_partial(request, "org/tree.html", "tree", context)


@login_required
def tree_children(request: HttpRequest, pk: int) -> HttpResponse:
    """One more level of the tree (HTMX)."""
    organisation = selectors.get_organisation(pk)
    day, _error = as_of(request)
    rows = selectors.tree_children(organisation, day)
    return render(request, "org/_children.html", {"rows": rows, "day": day})


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
        raise PermissionDenied(_REFUSAL)
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
                organisation = services.organisation_create(**form.cleaned_data, by=_actor(request))
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
                organisation=organisation, by=_actor(request), **form.cleaned_data
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
                organisation=organisation, on=form.cleaned_data["on"], by=_actor(request)
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
    # Successors exist the day after it ends (an absorbing unit may have started long before).
    candidates = selectors.organisations_manageable_by(request.user).exclude(pk=organisation.pk)
    if organisation.valid_to is not None:
        candidates = candidates.filter(
            selectors.valid_on(organisation.valid_to + dt.timedelta(days=1))
        )
    form = SuccessionForm(request.POST or None, successors=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.succession_add(
                predecessor=organisation, by=_actor(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Succession recorded."))
            return redirect("org:detail", pk=organisation.pk)
    title = _("Add a successor to %(name)s") % {"name": organisation.name}
    return render_form_page(request, form, title, reverse("org:detail", args=[organisation.pk]))


def _require_link_manager(request: HttpRequest, link: Succession) -> None:
    if not policy.allowed(request.user, "succession.manage", link):
        raise PermissionDenied(
            _(
                "A succession is recorded by the office that manages both the predecessor and "
                "the successor."
            )
        )


@login_required
@require_http_methods(["GET", "POST"])
def succession_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a link's kind, wording or clause, or remove it (audited by the services)."""
    link = selectors.get_succession(pk)
    _require_link_manager(request, link)
    back = reverse("org:detail", args=[link.predecessor_id])
    form = SuccessionEditForm(
        request.POST or None,
        initial={"kind": link.kind, "wording": link.wording, "clause": link.clause},
    )
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.succession_remove(link=link, by=_actor(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("org:succession_edit", pk=link.pk)
        messages.success(request, _("Succession removed."))
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        try:
            services.succession_update(link=link, by=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return render(
        request, "org/succession_edit.html", {"form": form, "link": link, "cancel_url": back}
    )


@login_required
def lineage(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation(pk)
    return render(
        request,
        "org/lineage.html",
        {"organisation": organisation, **selectors.lineage(organisation)},
    )


@login_required
def reorganisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "org/reorganisations.html",
        {
            "reorganisations": selectors.reorganisations(),
            "can_import": policy.allowed(request.user, "reorganisation.import"),
        },
    )


@login_required
def reorganisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    act = selectors.get_reorganisation(pk)
    return render(
        request,
        "org/reorganisation.html",
        {
            "act": act,
            "changes": act.changes.select_related("organisation"),
            "links": selectors.reorganisation_links(act),
        },
    )


@login_required
def reorganisation_links_export(request: HttpRequest, pk: int) -> HttpResponse:
    act = selectors.get_reorganisation(pk)
    response = HttpResponse(
        imports.links_workbook(act),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = "".join(c if c.isalnum() else "-" for c in act.number)
    response["Content-Disposition"] = f'attachment; filename="ke-thua-{filename}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    plan = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if background.deferred(data):  # a large workbook: the worker checks it (core.background)
            job = background.enqueue(
                kind="org.import_check", owner=request.user, file_name=upload.name, data=data
            )
            return redirect("core:job", pk=job.pk)
        try:
            plan = imports.read_workbook(data, by=_actor(request), name=upload.name)
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
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    if request.POST.get("job"):  # a large workbook the worker checked: the worker writes it too
        try:
            job = background.confirm(
                request.user,
                request.POST["job"],
                check_kind="org.import_check",
                apply_kind="org.import_apply",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("org:import")
        return redirect("core:job", pk=job.pk)
    payload = request.session.get(IMPORT_SESSION_KEY)
    if not payload:
        messages.error(request, _("There is no checked import to confirm; upload the file again."))
        return redirect("org:import")
    try:
        counts = imports.apply_plan_or_error(payload, by=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("org:import")
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        _(
            "Imported: %(organisations)d organisation(s) created, %(updated)d updated, "
            "%(closed)d closed, %(links)d succession(s), %(positions)d position(s), "
            "%(roles)d role(s)."
        )
        % counts,
    )
    if counts["reorganisation"] is not None:
        return redirect("org:reorganisation", pk=counts["reorganisation"].pk)
    return redirect(reverse("org:tree"))


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="dangvu-to-chuc.xlsx"'
    return response


HANDOVER_PAGE = 100


def _handover_response(request: HttpRequest, act: Any, **kwargs: Any) -> HttpResponse | None:
    """Carry out the posted choices; a refusal is shown and nothing is written."""
    if request.method != "POST":
        return None
    plans = handover.handover_plan(act)
    bulk, items = handover.parse_choices(request.POST, plans)
    try:
        counts = handover.handover_carry_out(
            act=act, by=_actor(request), bulk=bulk, items=items, **kwargs
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return None
    messages.success(
        request,
        _(
            "Handed over: %(tasks)d task(s), %(contributions)d report contribution(s), "
            "%(memberships)d role(s)."
        )
        % counts,
    )
    return redirect("org:handover", pk=act.pk)


@login_required
@require_http_methods(["GET", "POST"])
def handover_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The open work of the act's ended units and where it goes: automatic for a single
    successor, the office's choice for a unit split in several."""
    act = selectors.get_reorganisation(pk)
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    response = _handover_response(request, act)
    if response is not None:
        return response
    pending = [p for p in handover.handover_plan(act) if p.open_items]
    # A city's act ends hundreds of units: a page of them at a time (each with its choice).
    page = Paginator(pending, HANDOVER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "org/handover.html",
        {"act": act, "plans": page.object_list, "page": page, "done": not pending},
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """One ended unit's open work, item by item."""
    act = selectors.get_reorganisation(pk)
    unit = selectors.get_organisation(unit_pk)
    if not policy.allowed(request.user, "reorganisation.import"):
        raise PermissionDenied(_REFUSAL)
    response = _handover_response(request, act, only_unit=unit)
    if response is not None:
        return response
    plan = handover.unit_items(act, unit)
    if plan is None:
        raise Http404(_("No such organisation."))
    return render(request, "org/handover_unit.html", {"act": act, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest, pk: int) -> HttpResponse:
    """Who holds which role in an organisation, then and now; the office grants and ends roles
    within its scope (audited by the services)."""
    organisation = selectors.get_organisation(pk)
    probe = Membership(organisation=organisation, role=Role.REPORTER)
    if not policy.allowed(request.user, "membership.grant", probe):
        raise PermissionDenied(
            _("Only office staff and administrators of this organisation or above it manage roles.")
        )
    form = MembershipGrantForm(request.POST if "grant" in request.POST else None)
    end_form = MembershipEndForm(request.POST if "end" in request.POST else None)
    if request.method == "POST" and "grant" in request.POST and form.is_valid():
        try:
            services.membership_grant(
                user=form.cleaned_data["username"],
                organisation=organisation,
                role=form.cleaned_data["role"],
                valid_from=form.cleaned_data["valid_from"],
                by=_actor(request),
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                add_service_errors(form, error)
            else:
                form.add_error(None, str(error))
        else:
            messages.success(request, _("Role granted."))
            return redirect("org:roles", pk=organisation.pk)
    if request.method == "POST" and "end" in request.POST and end_form.is_valid():
        chosen = request.POST.get("membership", "")
        membership = Membership.objects.filter(
            pk=int(chosen) if chosen.isdigit() else 0, organisation=organisation
        ).first()
        if membership is None:
            raise Http404(_("No such role."))
        try:
            services.membership_end(
                membership=membership, on=end_form.cleaned_data["on"], by=_actor(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role ended."))
            return redirect("org:roles", pk=organisation.pk)
    memberships = organisation.memberships.select_related("user").order_by(
        "valid_to", "role", "user__username"
    )
    return render(
        request,
        "org/roles.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "form": form,
            "end_form": end_form,
            "today": today(),
        },
    )
