"""Scheduled publishing without cron: the worker's loop publishes what an editor scheduled once
its time has come, and unpublishes what has expired; anonymous readers see each change at once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from dangvu.core import policy
from dangvu.portal import services
from dangvu.portal.models import ArticlePage, CategoryPage

from .conftest import draft, publish, user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def worker_pass() -> str:
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    return out.getvalue()


def test_the_worker_publishes_a_scheduled_article_when_its_time_comes(
    client: Client, category: CategoryPage
) -> None:
    article = draft(category, "Hội nghị sơ kết công tác dân vận", lead="Tin hẹn giờ đăng.")
    go_live = timezone.now() + dt.timedelta(hours=2)
    article.go_live_at = go_live
    revision = article.save_revision(user=user("duyetbai"))
    revision.publish(user=user("duyetbai"))  # a future date: approved, waiting
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.url, HTTP_USER_AGENT=BROWSER).status_code == 404

    # Before its time, a pass publishes nothing.
    assert "scheduled publication" not in worker_pass()
    assert not ArticlePage.objects.get(pk=article.pk).live

    with time_machine.travel(go_live + dt.timedelta(minutes=1), tick=False):
        output = worker_pass()
    assert "portal: 1 scheduled publication(s), 0 expired page(s)" in output
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.published_at is not None  # in the public lists from now on
    assert Revision.objects.filter(approved_go_live_at__isnull=False).count() == 0
    response = client.get(article.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert "Hội nghị sơ kết công tác dân vận" in response.content.decode()
    assert "Hội nghị sơ kết công tác dân vận" in client.get(category.url).content.decode()
    # The next pass has nothing left to do.
    with time_machine.travel(go_live + dt.timedelta(minutes=2), tick=False):
        assert "scheduled publication" not in worker_pass()


def test_the_worker_unpublishes_an_expired_article(client: Client, category: CategoryPage) -> None:
    article = publish(draft(category, "Thông báo lịch tiếp công dân tháng 10"))
    assert client.get(article.url, HTTP_USER_AGENT=BROWSER).status_code == 200
    expire_at = timezone.now() + dt.timedelta(days=1)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=expire_at)

    assert "expired page" not in worker_pass()
    with time_machine.travel(expire_at + dt.timedelta(minutes=1), tick=False):
        output = worker_pass()
    assert "portal: 0 scheduled publication(s), 1 expired page(s)" in output
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.expired
    assert article.published_at is None
    assert client.get(article.url, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert "Thông báo lịch tiếp công dân" not in client.get(category.url).content.decode()


def test_only_the_worker_runs_scheduled_publishing(category: CategoryPage) -> None:
    article = draft(category, "Tin hẹn giờ")
    article.go_live_at = timezone.now() + dt.timedelta(hours=1)
    article.save_revision().publish()
    later = timezone.now() + dt.timedelta(hours=2)
    for username in ("vanphong", "duyetbai", "quantri"):
        with pytest.raises(PermissionDenied):
            services.scheduled_publish(by=user(username), now=later)
    with pytest.raises(PermissionDenied):
        services.scheduled_publish(by=None, now=later)
    assert not ArticlePage.objects.get(pk=article.pk).live
    with time_machine.travel(later, tick=False):
        assert services.scheduled_publish(by=policy.WORKER).startswith("portal: 1 ")
    assert ArticlePage.objects.get(pk=article.pk).live
