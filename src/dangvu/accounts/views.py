from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import services
from dangvu.org import selectors as org_selectors


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's page: memberships, and API tokens (the secret is shown once)."""
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.api_token_create(
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),  # type: ignore[union-attr]
            "memberships": org_selectors.memberships_of(request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)  # type: ignore[union-attr]
    services.api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")
