"""Slowing and locking guessers.

- Logins (django-axes): after `DANGVU_LOGIN_FAILURE_LIMIT` failed logins for one account, or from
  one address, that account (or address) is locked for `DANGVU_LOCKOUT_MINUTES`: even the right
  password is refused, with a Vietnamese message. A successful login resets the account's count.
- Bearer tokens and calendar secrets: every secret that matches nothing is counted per address
  (`BadTokenAttempt`); past the same limit the address is refused (429) for the same time,
  before any token it sends is looked at.
- Unlock: administrators, and the office for the people of its organisations, on the
  "Locked accounts" page (`accounts:lockouts`), or `dangvu axes_reset` on the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.accounts.models import BadTokenAttempt, User
from dangvu.core import audit, policy
from dangvu.core.models import AuditEntry
from dangvu.core.policy import Actor


def failure_limit() -> int:
    return int(settings.DANGVU_LOGIN_FAILURE_LIMIT)


def lockout_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.DANGVU_LOCKOUT_MINUTES)


def lockout_message() -> str:
    minutes = settings.DANGVU_LOCKOUT_MINUTES
    return _(
        "Too many failed attempts: signing in is locked for %(minutes)d minutes. Try again "
        "later, or ask the committee's office to unlock your account."
    ) % {"minutes": minutes}


class ThrottledBackend(AxesStandaloneBackend):
    """Axes' lock check for every authentication that comes with a request (the login page).
    Code that authenticates without a request (a command, a test's `client.login`) is not a
    guesser at the door and goes straight to the next backend."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """What a locked-out login gets (AXES_LOCKOUT_CALLABLE): the login page with the message."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    from dangvu.accounts.forms import LoginForm

    form = LoginForm(request, data=None)
    context = {"form": form, "locked_message": lockout_message()}
    return render(request, "accounts/login.html", context, status=429)


# --- bearer tokens and calendar secrets ------------------------------------------------------


def forwarded_address(request: HttpRequest) -> str | None:
    """The address a guesser is counted by (`AXES_CLIENT_IP_CALLABLE`). Behind
    `DANGVU_PROXY_COUNT` proxies (nginx terminating TLS) every request comes from the proxy, so
    the address is the one the outermost of our proxies saw: the `DANGVU_PROXY_COUNT`-th entry
    of X-Forwarded-For from the right (what a client puts in front of it changes nothing). With
    no proxy (0, the default) the header is ignored: a client could write anything in it."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "DANGVU_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote


def client_address(request: HttpRequest) -> str:
    return get_client_ip_address(request) or "0.0.0.0"  # noqa: S104 - a key, never bound


def address_locked(request: HttpRequest) -> bool:
    """Has this address sent too many secrets that matched nothing, lately?"""
    since = timezone.now() - lockout_window()
    recent = BadTokenAttempt.objects.filter(ip_address=client_address(request), at__gte=since)
    return recent.count() >= failure_limit()


def bad_secret(request: HttpRequest) -> None:
    """Count one secret that matched nothing (and forget the counts past the window)."""
    BadTokenAttempt.objects.filter(at__lt=timezone.now() - lockout_window()).delete()
    BadTokenAttempt.objects.create(ip_address=client_address(request))


# --- what is locked, and unlocking -----------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    kind: str  # "account" or "address"
    key: str  # the user name or the address
    failures: int
    last: dt.datetime
    user: User | None = None


def lockouts() -> list[Lockout]:
    """Accounts and addresses locked now (failed logins, and bad tokens by address)."""
    since = timezone.now() - lockout_window()
    limit = failure_limit()
    found: list[Lockout] = []
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    by_name = recent.values("username").annotate(
        n=Sum("failures_since_start"), last=Max("attempt_time")
    )
    users = {
        u.username: u for u in User.objects.filter(username__in=[r["username"] for r in by_name])
    }
    for row in by_name:
        if row["username"] and row["n"] >= limit:
            found.append(
                Lockout(
                    "account", row["username"], row["n"], row["last"], users.get(row["username"])
                )
            )
    by_address = recent.values("ip_address").annotate(
        n=Sum("failures_since_start"), last=Max("attempt_time")
    )
    tokens = (
        BadTokenAttempt.objects.filter(at__gte=since)
        .values("ip_address")
        .annotate(n=Count("pk"), last=Max("at"))
    )
    counts: dict[str, tuple[int, dt.datetime]] = {}
    for row in [*by_address, *tokens]:
        n, last = counts.get(row["ip_address"], (0, row["last"]))
        counts[row["ip_address"]] = (n + row["n"], max(last, row["last"]))
    for address, (n, last) in sorted(counts.items()):
        if address and n >= limit:
            found.append(Lockout("address", address, n, last))
    return found


def lockouts_for(*, by: Actor) -> list[tuple[Lockout, bool]]:
    """The page of locked accounts and addresses (`lockout.list`: the office and administrators),
    each with whether `by` may unlock it (`account.unlock`, `address.unlock`)."""
    policy.require(
        by, "lockout.list", message=_("Only the office staff and administrators unlock accounts.")
    )
    return [
        (
            lockout,
            policy.allowed(by, "account.unlock", lockout.user)
            if lockout.kind == "account"
            else policy.allowed(by, "address.unlock"),
        )
        for lockout in lockouts()
    ]


@transaction.atomic
def unlock_account(*, username: str, by: Actor) -> int:
    """Clear an account's failed logins (its lock), if `by` may: the office of one of its
    organisations, or an administrator."""
    user = User.objects.filter(username=username).first()
    policy.require(by, "account.unlock", user, message=_("You may not unlock this account."))
    cleared = axes_reset(username=username)
    if user is not None:
        audit.record(actor=by, action="user.unlock", obj=user, after={"cleared": cleared})
    return cleared


@transaction.atomic
def unlock_address(*, address: str, by: Actor) -> int:
    """Clear an address's failed logins and bad tokens (administrators)."""
    policy.require(by, "address.unlock", message=_("Only an administrator unlocks an address."))
    cleared = axes_reset(ip=address)
    cleared += BadTokenAttempt.objects.filter(ip_address=address).delete()[0]
    AuditEntry.objects.create(
        actor=audit.actor_or_none(by),
        action="address.unlock",
        object_type="axes.address",
        object_id=address[:64],
        object_repr=address,
        after={"cleared": cleared},
    )
    return cleared
