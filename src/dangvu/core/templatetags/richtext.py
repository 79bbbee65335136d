"""`{{ value|richtext }}`: rich text (the minutes, the answers to comments) sanitised for the page;
older plain text shows one paragraph per line (`core.richtext`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from dangvu.core.richtext import as_html

register = template.Library()


@register.filter
def richtext(value: str | None) -> SafeString:
    return as_html(value or "")
