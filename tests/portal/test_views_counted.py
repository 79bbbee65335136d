"""View counts that can be trusted: once per visitor per article per day, bots and the office's
preview not counted, no view lost under concurrent requests (PostgreSQL, threads)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client

from dangvu.portal.models import ArticlePage, ArticleView

from .conftest import user

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def views(article: ArticlePage) -> int:
    return ArticleView.objects.filter(article=article).count()


@pytest.mark.django_db
def test_once_per_visitor_per_day(client: Client, seed: ArticlePage) -> None:
    before = views(seed)
    with time_machine.travel(dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        client.get(seed.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.1")
        client.get(seed.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.1")
        assert views(seed) == before + 1
        client.get(seed.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.2")
        assert views(seed) == before + 2
    with time_machine.travel(dt.datetime(2030, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        client.get(seed.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.1")
        assert views(seed) == before + 3
    # Kept per day: the visitor key changes with the day, so days cannot be joined up.
    keys = set(ArticleView.objects.filter(day__gte=dt.date(2030, 3, 1)).values_list("visitor"))
    assert len(keys) == 3


@pytest.mark.django_db
def test_readers_behind_the_proxy_are_told_apart(
    client: Client, seed: ArticlePage, settings: Any
) -> None:
    """Behind the TLS proxy (DANGVU_PROXY_COUNT=1) every request comes from 127.0.0.1: two
    readers are two visitors by the address the proxy saw, and what a reader writes in front of
    it in X-Forwarded-For changes nothing."""
    settings.DANGVU_PROXY_COUNT = 1
    before = views(seed)
    with time_machine.travel(dt.datetime(2030, 4, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        for forwarded in ("203.0.113.7", "198.51.100.9", "1.2.3.4, 203.0.113.7"):
            client.get(
                seed.url,
                HTTP_USER_AGENT=BROWSER,
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded,
            )
        assert views(seed) == before + 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        # automated browsers (screenshots, scrapers, monitoring)
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0 Safari/537.36",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/534.34 PhantomJS/1.9.8 Safari/534.34",
        "",
    ],
)
def test_bots_are_not_counted(client: Client, seed: ArticlePage, agent: str) -> None:
    before = views(seed)
    assert client.get(seed.url, HTTP_USER_AGENT=agent).status_code == 200
    assert views(seed) == before


@pytest.mark.django_db
def test_the_offices_preview_and_reading_are_not_counted(client: Client, seed: ArticlePage) -> None:
    before = views(seed)
    client.force_login(user("duyetbai"))
    response = client.get(f"/cms/pages/{seed.pk}/edit/preview/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert client.get(seed.url, HTTP_USER_AGENT=BROWSER).status_code == 200
    assert views(seed) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is a PostgreSQL test")
@pytest.mark.django_db(transaction=True)
def test_concurrent_views_count_each_distinct_visitor_once(demo: Any) -> None:
    """200 requests from 40 visitors (5 each) in 20 threads: exactly 40 more views."""
    article = ArticlePage.objects.get(conference__isnull=False)
    url = article.url
    before = views(article)
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def worker(thread: int) -> None:
        client = Client()
        try:
            barrier.wait()
            for n in range(10):
                visitor = (thread * 10 + n) % 40
                response = client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.1.0.{visitor}")
                assert response.status_code == 200
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert views(article) == before + 40
