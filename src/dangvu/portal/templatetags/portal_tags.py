"""`{% conference_article conference %}`: the portal's part of the conference page (the link to
its article, or the "Tạo bài viết" button for the office), so the meetings view stays as it is."""

from __future__ import annotations

from typing import Any

from django import template

from dangvu.core import policy
from dangvu.portal import permissions
from dangvu.portal.models import ArticlePage, PublishedDocument

register = template.Library()


@register.inclusion_tag("portal/_conference_article.html", takes_context=True)
def conference_article(context: dict[str, Any], conference: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    article = (
        ArticlePage.objects.filter(conference=conference).only("title", "live", "url_path").first()
    )
    may_draft = bool(user is not None and permissions.can_draft_article(user, conference))
    conclusion = getattr(conference, "conclusion", None)
    issued = conclusion is not None and conclusion.is_issued
    published = issued and PublishedDocument.objects.filter(conclusion=conclusion).exists()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "conference": conference,
        "article": article,
        "article_url": article.get_url(request) if article is not None and article.live else "",
        "can_edit": may_draft,
        "notice_published": published,
        "can_publish_notice": may_draft and issued and not published,
        "can_draft": may_draft
        and article is None
        and permissions.conference_is_reportable(conference),
    }


@register.inclusion_tag("portal/_report_article.html", takes_context=True)
def report_article(context: dict[str, Any], period: Any) -> dict[str, Any]:
    """The portal's part of an issued report's page: the link to its article, or the "Đăng lên
    cổng thông tin" button for the committee's office; and its publication under "Văn bản"
    (said when done, the button for the office otherwise)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    issued = getattr(period, "issued", None)
    if issued is None:
        return {"show": False}
    article = (
        ArticlePage.objects.filter(issued_report=issued).only("title", "live", "url_path").first()
    )
    may_draft = policy.allowed(user, "portal.article_from_report", issued)
    may_publish = policy.allowed(user, "portal.document_publish", period.committee)
    published = PublishedDocument.objects.filter(issued_report=issued).exists()
    return {
        "show": article is not None or may_draft or published or may_publish,
        "csrf_token": context.get("csrf_token"),
        "period": period,
        "article": article,
        "article_url": article.get_url(request) if article is not None and article.live else "",
        "can_edit": may_draft,
        "can_draft": may_draft and article is None,
        "report_published": published,
        "can_publish_report": may_publish and not published,
    }
