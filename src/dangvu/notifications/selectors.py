"""Reads of notifications: a user only ever sees their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def notifications_for(user: Actor | AnonymousUser) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    if not isinstance(user, User) or not user.is_authenticated:
        return Notification.objects.none()  # anonymous, or a system actor: no notification
    return (
        Notification.objects.filter(user=user)
        .select_related("target_type")
        .order_by("-created_at", "-pk")
    )


def unread_count(user: Actor | AnonymousUser) -> int:
    if not isinstance(user, User) or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def get_notification_for_user(user: Actor | AnonymousUser, pk: object) -> Notification:
    """The user's own notification with this id; 404 for anyone else's."""
    try:
        return notifications_for(user).get(pk=int(str(pk)))
    except (ValueError, Notification.DoesNotExist):
        raise Http404(_("No such notification.")) from None
