"""The roles (memberships) of an organisation: granted and ended, audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.core.forms import add_service_errors
from dangvu.org import selectors, services
from dangvu.org.enums import Role
from dangvu.org.forms import (
    MembershipEndForm,
    MembershipGrantForm,
)
from dangvu.org.models import Membership
from dangvu.org.views._common import (
    _actor,
)


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
