"""The account page (API tokens, the calendar address) and the page of locked accounts."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts import services, throttle
from dangvu.accounts.models import ApiToken, CalendarFeed, User
from dangvu.core import policy
from dangvu.core.policy import actor_of
from dangvu.org import selectors as org_selectors


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100)


def _me(request: HttpRequest) -> User:
    user = actor_of(request)
    assert isinstance(user, User)  # noqa: S101 - a signed-in person, never a system actor
    return user


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's page: roles, API tokens (the secret is shown once) and the calendar
    address (shown once, when it is made)."""
    me = _me(request)
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.api_token_create(
            user=me, name=form.cleaned_data["name"], by=me
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": services.api_tokens_of(me),
            "lifetime_days": services.token_lifetime().days,
            "has_feed": CalendarFeed.objects.filter(user=me).exists(),
            "memberships": org_selectors.memberships_of(me),
            "can_unlock": policy.allowed(me, "lockout.list"),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # another's: no such token
    services.api_token_revoke(token=token, by=actor_of(request))
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Make the calendar address again; the old one stops working."""
    me = _me(request)
    secret = services.calendar_feed_regenerate(user=me, by=me)
    address = request.build_absolute_uri(reverse("meetings:ics")) + f"?feed={secret}"
    return render(request, "accounts/calendar_feed.html", {"address": address})


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    """Accounts and addresses locked after failed attempts, for the office (the people of its
    organisations) and administrators (everyone, and addresses)."""
    rows = throttle.lockouts_for(by=actor_of(request))  # 403 to anyone else
    return render(request, "accounts/lockouts.html", {"rows": rows})


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    key = request.POST.get("key", "").strip()
    if kind == "address":
        throttle.unlock_address(address=key, by=actor_of(request))
    else:
        throttle.unlock_account(username=key, by=actor_of(request))
    messages.success(request, _("Unlocked: %(key)s.") % {"key": key})
    return redirect("accounts:lockouts")
