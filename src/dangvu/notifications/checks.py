"""`check --deploy`: the links in e-mails must lead to the site, not to a developer's machine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "*", ""}  # noqa: S104 - names, not a bind


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    parts = urlsplit(str(settings.DANGVU_SITE_URL))
    if parts.scheme in {"http", "https"} and (parts.hostname or "") not in LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"DANGVU_SITE_URL is {settings.DANGVU_SITE_URL!r}: links in e-mails would not "
            "reach the site.",
            hint="Set DANGVU_SITE_URL to the address users open, e.g. https://dangvu.example.org.",
            id="dangvu.W101",
        )
    ]
