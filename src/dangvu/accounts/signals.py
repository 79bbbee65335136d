"""Audit entries for signing in and out, failed logins and password changes; a password change
(by any road: the form, a reset, the admin, a command) revokes the user's API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from dangvu.accounts import services
from dangvu.accounts.models import User

_CHANGED = "_dangvu_password_changed"


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    from dangvu.accounts.throttle import client_address

    return client_address(request)


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    services.record_sign_in(action="user.login", user=user, address=_address(request))


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        services.record_sign_in(action="user.logout", user=user, address=_address(request))


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    user = User.objects.filter(username=username).first() if username else None
    services.record_sign_in(
        action="user.login_failed", user=user, username=username, address=_address(request)
    )


@receiver(pre_save, sender=User)
def note_password_change(
    sender: Any, instance: User, update_fields: Any = None, **kwargs: Any
) -> None:
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    setattr(instance, _CHANGED, old is not None and old != instance.password)


@receiver(post_save, sender=User)
def revoke_on_password_change(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    if not created and getattr(instance, _CHANGED, False):
        setattr(instance, _CHANGED, False)
        services.password_changed(user=instance)
