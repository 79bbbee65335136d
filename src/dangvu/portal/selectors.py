"""Reads for the public portal: only live articles, newest first, from indexed columns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from dangvu.org.models import Organisation
from dangvu.portal.folding import terms
from dangvu.portal.models import ArticlePage, ArticleView, CategoryPage, PortalHomePage

LIST_FIELDS = ("title", "slug", "url_path", "lead", "published_at", "category", "portal")


def _public(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Live articles: `published_at` is set only while an article is live (see its `save`)."""
    return queryset.filter(published_at__isnull=False).only(*LIST_FIELDS)


def latest_articles(*, portal: PortalHomePage, limit: int) -> list[ArticlePage]:
    return list(
        _public(ArticlePage.objects.filter(portal=portal))
        .select_related("category")
        .order_by("-published_at", "-pk")[:limit]
    )


def category_articles(*, category: CategoryPage) -> QuerySet[ArticlePage]:
    return _public(ArticlePage.objects.filter(category=category)).order_by("-published_at", "-pk")


def related_articles(*, article: ArticlePage, limit: int) -> list[ArticlePage]:
    """The category's latest other articles."""
    if article.category_id is None:
        return []
    return list(
        _public(ArticlePage.objects.filter(category_id=article.category_id))
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")[:limit]
    )


def view_count(*, article: ArticlePage) -> int:
    return ArticleView.objects.filter(article=article).count()


def most_read(
    *, portal: PortalHomePage, days: int, limit: int, on: dt.date | None = None
) -> list[tuple[ArticlePage, int]]:
    """The most-read live articles over the `days` days ending `on` (today by default): a
    `GROUP BY` over the daily views."""
    last = on or timezone.localdate()
    first = last - dt.timedelta(days=days - 1)
    rows = list(
        ArticleView.objects.filter(
            day__range=(first, last),
            article__portal=portal,
            article__published_at__isnull=False,
        )
        .values("article")
        .annotate(n=Count("pk"))
        .order_by("-n", "-article")[:limit]
    )
    articles = _public(ArticlePage.objects.filter(pk__in=[row["article"] for row in rows]))
    by_pk = {article.pk: article for article in articles}
    return [(by_pk[row["article"]], row["n"]) for row in rows if row["article"] in by_pk]


def search_articles(*, portal: PortalHomePage, query: str) -> QuerySet[ArticlePage]:
    """Every folded word of the query begins a word of the title, lead or body."""
    words = terms(query)
    queryset = _public(ArticlePage.objects.filter(portal=portal))
    if not words:
        return queryset.none()
    patterns = [f" {word}" for word in words]
    if connection.vendor == "sqlite":
        # The FTS5 trigram index over the folded text answers LIKE (migration 0002).
        where = " AND ".join(["search_folded LIKE %s"] * len(patterns))
        queryset = queryset.filter(
            pk__in=RawSQL(  # noqa: S611 - fixed SQL, the words are parameters
                f"SELECT rowid FROM portal_article_search WHERE {where}",  # noqa: S608
                [f"%{pattern}%" for pattern in patterns],
            )
        )
    else:
        # PostgreSQL: the pg_trgm GIN index on search_folded answers the same LIKE. The planner
        # cannot estimate a trigram LIKE and, left to itself, walks the newest-first index
        # filtering every article (0.3 s for a two-word query with 3 hits). `OFFSET 0` keeps the
        # matching as a subquery of its own, answered by the GIN index.
        where = " AND ".join(["search_folded LIKE %s"] * len(patterns))
        queryset = queryset.filter(
            pk__in=RawSQL(  # noqa: S611 - fixed SQL, the words are parameters
                f"SELECT page_ptr_id FROM portal_articlepage WHERE {where} OFFSET 0",  # noqa: S608
                [f"%{pattern}%" for pattern in patterns],  # folded: [0-9a-z ] only
            )
        )
    return queryset.select_related("category").order_by("-published_at", "-pk")


def public_documents(*, committee: Organisation) -> Any:
    from dangvu.portal.models import PublishedDocument

    return PublishedDocument.objects.filter(committee=committee).select_related("pdf")
