"""Template filters for Vietnamese dates; loaded as builtins, so no {% load %} is needed."""

import datetime as dt

from django import template
from django.utils import timezone

from dangvu.core import dates

register = template.Library()


@register.filter
def vn_date(value: dt.date | None) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return dates.short_date(value)


@register.filter
def vn_long_date(value: dt.date | None) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return dates.long_date(value)


@register.filter
def vn_datetime(value: dt.datetime | dt.date | None) -> str:
    """14:00, 2/10/2020 (local time); a plain date shows as the short date."""
    if isinstance(value, dt.datetime):
        return dates.short_datetime(value)
    return dates.short_date(value)
