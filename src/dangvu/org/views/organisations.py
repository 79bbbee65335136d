"""Forms that change one organisation and its successor links, and the lineage."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.core import policy
from dangvu.core.forms import add_service_errors
from dangvu.core.http import render_form_page
from dangvu.org import permissions, selectors, services
from dangvu.org.forms import (
    OrganisationCloseForm,
    OrganisationCreateForm,
    OrganisationUpdateForm,
    SuccessionEditForm,
    SuccessionForm,
)
from dangvu.org.models import Succession
from dangvu.org.views._common import (
    _REFUSAL,
    _actor,
    _require_manager,
)


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
