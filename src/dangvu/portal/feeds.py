"""RSS 2.0 and Atom 1.0 per category, and the portal's sitemap (live articles only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from dangvu.portal import selectors
from dangvu.portal.models import ArticlePage, CategoryPage, PortalHomePage

FEED_SIZE = 30
SITEMAP_SIZE = 50_000  # the protocol's limit for one file


class CategoryRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, category: CategoryPage) -> CategoryPage:
        return category

    def title(self, obj: CategoryPage) -> str:
        portal = obj.portal
        return f"{obj.title} · {portal.title}" if portal else obj.title

    def link(self, obj: CategoryPage) -> str:
        return obj.get_url(self.request) or "/"

    def description(self, obj: CategoryPage) -> str:
        return obj.description or obj.title

    def items(self, obj: CategoryPage) -> list[ArticlePage]:
        return list(selectors.category_articles(category=obj)[:FEED_SIZE])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: ArticlePage) -> dt.datetime | None:
        return item.published_at


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: CategoryPage) -> str:
        return self.description(obj)


def sitemap(request: HttpRequest, *, portal: PortalHomePage) -> HttpResponse:
    """The portal, its categories and its live articles (newest first, at most 50,000)."""
    home = portal.get_url(request) or "/"
    urls: list[tuple[str, Any]] = [(request.build_absolute_uri(home), None)]
    urls += [
        (request.build_absolute_uri(category.get_url(request) or "/"), None)
        for category in portal.categories()
    ]
    articles = (
        ArticlePage.objects.filter(portal=portal, live=True, published_at__isnull=False)
        .only("url_path", "last_published_at")
        .order_by("-published_at")[:SITEMAP_SIZE]
    )
    base = request.build_absolute_uri(home)
    urls += [
        (base + article.url_path[len(portal.url_path) :], article.last_published_at)
        for article in articles
    ]
    body = render_to_string("portal/sitemap.xml", {"urls": urls})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
