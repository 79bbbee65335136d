"""Writes for accounts: users, API tokens, the calendar address, and the audit of signing in.

API tokens authenticate the JSON API (`Authorization: Bearer dv_…`); they expire after
`DANGVU_API_TOKEN_DAYS`, are listed and revoked on the account page, and all die when the
password changes. The calendar (.ics) has its own read-only secret (`dvc_…`), never an API token.
Only SHA-256 digests are stored; a secret is shown once, when it is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.accounts import permissions  # noqa: F401  (declares the account actions)
from dangvu.accounts.models import ApiToken, CalendarFeed, User
from dangvu.core import audit, policy
from dangvu.core.models import AuditEntry
from dangvu.core.policy import Actor

TOKEN_PREFIX = "dv_"  # noqa: S105 - a prefix, not a secret
FEED_PREFIX = "dvc_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    by: Actor,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a user with a hashed password; superusers are also staff (they may use the admin).
    An account is made by the office (`account.create`); a superuser only by a superuser or by
    system work (`account.create_superuser`)."""
    policy.require(
        by,
        "account.create",
        message=_("Only office staff and administrators may create user accounts."),
    )
    if is_superuser:
        policy.require(
            by,
            "account.create_superuser",
            message=_("Only an administrator of the site makes another administrator."),
        )
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(
        actor=by, action="user.create", obj=user, after=audit.snapshot(user, ["username", "email"])
    )
    return user


# --- API tokens ------------------------------------------------------------------------------


def token_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.DANGVU_API_TOKEN_DAYS)


@transaction.atomic
def api_token_create(*, user: User, name: str, by: Actor) -> tuple[ApiToken, str]:
    """Create a token for `user`, valid for `DANGVU_API_TOKEN_DAYS`; returns the row and the
    secret, which is never stored. Only `user` makes his own (`api_token.create`)."""
    policy.require(
        by, "api_token.create", user, message=_("Only the owner of an account makes its tokens.")
    )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + token_lifetime()
    token = ApiToken(
        user=user, name=name, digest=token_digest(secret), prefix=secret[:8], expires_at=expires_at
    )
    token.full_clean()
    token.save()
    audit.record(
        actor=by,
        action="api_token.create",
        obj=token,
        after={"name": name, "expires_at": expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Actor) -> ApiToken:
    """Revoke a token: its owner, or an administrator."""
    policy.require(by, "api_token.revoke", token, message=_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=by, action="api_token.revoke", obj=token)
    return token


def api_tokens_of(user: User) -> list[ApiToken]:
    """The user's live tokens (not revoked, not expired), newest first."""
    return list(
        user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()).order_by(
            "-created_at"
        )
    )


def api_token_authenticate(secret: str) -> User | None:
    """The active user owning this live token, or None; records when the token was last used.
    A calendar secret is not an API token (and the other way round)."""
    if not secret.startswith(TOKEN_PREFIX) or secret.startswith(FEED_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=token_digest(secret),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# --- the calendar address --------------------------------------------------------------------


@transaction.atomic
def calendar_feed_regenerate(*, user: User, by: Actor) -> str:
    """Make (or make again) the user's calendar secret; the old address stops working. Only
    `user` makes his own (`calendar_feed.regenerate`)."""
    policy.require(
        by,
        "calendar_feed.regenerate",
        user,
        message=_("Only the owner of an account makes its calendar address."),
    )
    secret = FEED_PREFIX + secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"digest": token_digest(secret)})
    feed = CalendarFeed.objects.get(user=user)
    audit.record(actor=by, action="calendar_feed.regenerate", obj=feed)
    return secret


def calendar_feed_user(secret: str) -> User | None:
    """The active user whose calendar this secret opens, or None."""
    if not secret.startswith(FEED_PREFIX):
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=token_digest(secret), user__is_active=True)
        .first()
    )
    return feed.user if feed else None


# --- password changes and sign-in audit ------------------------------------------------------


@transaction.atomic
def password_changed(*, user: User) -> int:
    """After any change of `user`'s password (their own form, a reset, the admin, a command):
    every API token and the calendar address die. Returns the number of tokens revoked."""
    now = timezone.now()
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    CalendarFeed.objects.filter(user=user).delete()
    audit.record(
        actor=user, action="user.password_change", obj=user, after={"tokens_revoked": revoked}
    )
    return revoked


def record_sign_in(
    *, action: str, user: User | None, username: str = "", address: str = ""
) -> None:
    """An audit entry for a login, a logout or a failed login (the name tried, when no such
    user exists)."""
    AuditEntry.objects.create(
        actor=user if user is not None and user.pk else None,
        action=action,
        object_type="accounts.user",
        object_id=str(user.pk) if user is not None and user.pk else "",
        object_repr=(str(user) if user is not None else username)[:300],
        after={"address": address} if address else None,
    )
