"""What a notification is about: a generic target (content type and id) and the path of its page.

Notifications know the other apps only by name: the model's label and its page's URL name,
here in one table. A target without an entry gets no link unless the caller gives one. When a
target is deleted its notifications lose their link and target (`forget_deleted_targets`, connected
when the app is ready)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.urls import reverse


def _page(name: str, attribute: str = "pk") -> Callable[[Any], str]:
    def link(obj: Any) -> str:
        value: Any = obj
        for part in attribute.split("."):
            value = getattr(value, part)
        return reverse(name, args=[value])

    return link


# model label → the path of the target's page
LINKS: dict[str, Callable[[Any], str]] = {
    "assignments.task": _page("assignments:detail"),
    "reports.period": _page("reports:period"),
    "reports.contribution": _page("reports:contribution"),
    "reports.comment": _page("reports:draft", "version.period_id"),
    "meetings.conference": _page("meetings:detail"),
    "meetings.invitation": _page("meetings:detail", "conference_id"),
}


def link_of(obj: models.Model) -> str:
    """The path of `obj`'s page ("" when it has none)."""
    make = LINKS.get(obj._meta.label_lower)
    return make(obj) if make is not None else ""


def type_of(model: type[models.Model] | models.Model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def about(model: type[models.Model], ids: Iterable[int] | Any) -> Q:
    """A filter for notifications or reminders about these objects of `model` (`ids` may be a
    queryset of primary keys)."""
    return Q(target_type=type_of(model), target_id__in=ids)


def _forget(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A target deleted (or removed with its parent): its notifications keep their text but
    lose their link and target, so the list never offers a page that answers 404."""
    from dangvu.notifications.models import Notification

    Notification.objects.filter(target_type=type_of(sender), target_id=instance.pk).update(
        link="", target_type=None, target_id=None
    )


def forget_deleted_targets() -> None:
    """Connect `_forget` to the deletion of every model a notification may be about (the
    models of `LINKS`; a cascade sends the signal for each object it removes)."""
    for label in LINKS:
        post_delete.connect(
            _forget, sender=apps.get_model(label), dispatch_uid=f"notifications.forget.{label}"
        )
