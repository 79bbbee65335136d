from __future__ import annotations

from typing import Any

import pytest

from dangvu.accounts.models import User
from dangvu.org.models import Organisation
from dangvu.portal.models import ArticlePage, CategoryPage, PortalHomePage


@pytest.fixture
def portal(demo: dict[str, Organisation]) -> PortalHomePage:
    return PortalHomePage.objects.get(committee=demo["lb-qu"])


@pytest.fixture
def seed(portal: PortalHomePage) -> ArticlePage:
    return ArticlePage.objects.get(conference__isnull=False, portal=portal)


@pytest.fixture
def category(portal: PortalHomePage) -> CategoryPage:
    return CategoryPage.objects.child_of(portal).get(slug="dang-doan-the")


def user(username: str) -> User:
    return User.objects.get(username=username)


def draft(category: CategoryPage, title: str, **fields: Any) -> ArticlePage:
    from dangvu.portal.services import _unique_slug

    article = ArticlePage(
        title=title,
        slug=_unique_slug(category, title),
        lead=fields.pop("lead", "Tin mẫu."),
        live=False,
        **fields,
    )
    category.add_child(instance=article)
    article.save_revision()
    return article


def publish(article: ArticlePage) -> ArticlePage:
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)
