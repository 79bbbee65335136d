"""Writes for accounts: users and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.models import ApiToken, User
from dangvu.core import audit


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    by: User | None = None,
) -> User:
    """Create a user with a hashed password; superusers are also staff (they may use the admin)."""
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


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the secret, which is never stored."""
    secret = "dv_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, digest=token_digest(secret), prefix=secret[:8])
    token.full_clean()
    token.save()
    audit.record(actor=user, action="api_token.create", obj=token, after={"name": name})
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=by, action="api_token.revoke", obj=token)
    return token


def api_token_authenticate(secret: str) -> User | None:
    """The active user owning this token, or None; records when the token was last used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
