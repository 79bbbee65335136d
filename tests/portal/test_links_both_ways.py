"""The article and the conference (or the issued report) it was drafted from point to each
other: the conference page links to the article, and the office sees in Wagtail's editor the
conference the article came from; a reader's page names the source without an internal link."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvu.portal.models import ArticlePage

from .conftest import user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def test_the_editor_links_back_to_the_conference(client: Client, seed: ArticlePage) -> None:
    conference = seed.conference
    assert conference is not None
    client.force_login(user("vanphong"))
    editor = client.get(f"/cms/pages/{seed.pk}/edit/").content.decode()
    assert "Bài viết từ hội nghị" in editor
    assert f'href="/meetings/{conference.pk}/"' in editor
    page = client.get(f"/meetings/{conference.pk}/").content.decode()
    assert seed.title in page
    # A reader: the source is named, the internal conference page is not linked.
    reader = Client().get(seed.url, HTTP_USER_AGENT=BROWSER).content.decode()
    assert f"/meetings/{conference.pk}/" not in reader
    assert "Nguồn:" in reader


def test_an_article_with_no_source_shows_no_source_panel(client: Client, seed: ArticlePage) -> None:
    other = ArticlePage.objects.filter(live=True, conference__isnull=True).first()
    assert other is not None
    client.force_login(user("vanphong"))
    editor = client.get(f"/cms/pages/{other.pk}/edit/").content.decode()
    assert "Bài viết từ hội nghị" not in editor
    assert "/meetings/" not in editor
