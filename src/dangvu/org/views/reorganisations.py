"""Reorganisation acts, their links' export, and the Excel import (preview, confirm, template)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import background, policy
from dangvu.core.http import confirm_checked_job
from dangvu.org import imports, selectors, services
from dangvu.org.forms import (
    ImportUploadForm,
)
from dangvu.org.views._common import (
    _REFUSAL,
    IMPORT_SESSION_KEY,
    _actor,
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
        try:
            if background.deferred(data):  # a large workbook: the worker checks it
                job = background.enqueue(
                    kind="org.import_check", owner=request.user, file_name=upload.name, data=data
                )
                return redirect("core:job", pk=job.pk)
            plan = imports.read_workbook(data, by=_actor(request), name=upload.name)
        except (imports.ImportFileError, background.TooManyJobsError) as error:
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
        return confirm_checked_job(
            request,
            check_kind="org.import_check",
            apply_kind="org.import_apply",
            back="org:import",
        )
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
    if counts["accounts"]:
        # Shown once: each new account's one-time link to set its password
        # (`services.accounts`); nobody knows a password for it until then.
        accounts = [
            (user, request.build_absolute_uri(services.account_setup_link(user)))
            for user in counts["accounts"]
        ]
        return render(request, "org/import_accounts.html", {"accounts": accounts})
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
