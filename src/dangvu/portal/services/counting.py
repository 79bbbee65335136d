"""Counting an article's views: one per visitor and day, bots left out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from dangvu.accounts.throttle import forwarded_address
from dangvu.portal.models import (
    ArticlePage,
    ArticleView,
)

# --- views ----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _bot_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(
        _bot_pattern(settings.DANGVU_PORTAL_BOT_PATTERN).search(user_agent)
    )


def visitor_key(request: HttpRequest, day: dt.date) -> str:
    """A salted hash of the address and the browser, different every day: counts a visitor once
    a day without keeping who they are."""
    # behind the TLS proxy every request comes from it: the reader's own address, as the
    # throttle counts it (DANGVU_PROXY_COUNT), else every reader would be one visitor
    address = forwarded_address(request) or ""
    agent = request.META.get("HTTP_USER_AGENT", "")
    material = f"{settings.SECRET_KEY}|{day.isoformat()}|{address}|{agent}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def is_countable(request: HttpRequest) -> bool:
    """Not a bot, not a preview, not the portal's own editors reading."""
    if getattr(request, "is_preview", False) or request.method != "GET":
        return False
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    user = getattr(request, "user", None)
    return not (
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


def view_record(*, article: ArticlePage, request: HttpRequest, on: dt.date | None = None) -> None:
    """One insert-or-ignore (`INSERT … ON CONFLICT DO NOTHING` / `INSERT OR IGNORE`): a second
    view the same day, or a concurrent one, meets the unique constraint and adds nothing."""
    if not article.live or not is_countable(request):
        return
    day = on or timezone.localdate()
    ArticleView.objects.bulk_create(
        [ArticleView(article_id=article.pk, day=day, visitor=visitor_key(request, day))],
        ignore_conflicts=True,
    )
