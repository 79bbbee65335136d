"""`{% notice_progress_link conclusion %}`: the link from a conference's conclusion to how its
tasks are being carried out, when it has any (one query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dangvu.assignments.models import Task

register = template.Library()


@register.simple_tag
def notice_progress_link(conclusion: Any) -> SafeString | str:
    if conclusion is None or conclusion.pk is None:
        return ""
    if not Task.objects.filter(
        conclusion_item__conclusion_id=conclusion.pk, published_at__isnull=False
    ).exists():
        return ""
    return format_html(
        '<a class="button secondary" href="{}">{}</a>',
        reverse("assignments:notice_progress", args=[conclusion.pk]),
        _("How the notice is carried out"),
    )
