"""`dangvu bench_portal`: the portal's speed figures of issue 13 with 100,000 articles.

Adds `--articles` synthetic live articles (titles "Bài mẫu số N …", prefix `bench-`) to the demo
portal's categories when they are not there yet, written in bulk (Wagtail's tree columns computed
here, one multi-row INSERT per 1,000 pages in the page table and in the article table), then
times, through Django's test Client as an anonymous reader, the median server time of an article
page, category pages (first and a deep page) and searches (a common and a rare word), with the
SQL queries of one request. Run it on a database made for it (see `make bench`)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import threading
import time
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Locale, Page

from dangvu.portal.folding import fold
from dangvu.portal.models import (
    ArticlePage,
    ArticleView,
    CategoryKind,
    CategoryPage,
    PortalHomePage,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) bench_portal"
WORDS = (  # noqa: SIM905
    "hội nghị ban chấp hành đảng bộ quận phường chi bộ đảng viên nghị quyết kiểm tra giám sát "
    "dân vận mặt trận đoàn thanh niên phụ nữ cựu chiến binh chính quyền đô thị kinh tế xã hội "
    "an ninh quốc phòng văn hóa giáo dục y tế môi trường giải phóng mặt bằng"
).split()


def _median_ms(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time of this process (Django's own work, less sensitive to
    a loaded machine than the wall time; the database server's time is not in it) and the SQL
    queries of one request."""
    client.get(url, HTTP_USER_AGENT=BROWSER)  # warm
    times, cpu = [], []
    for n in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(
            url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.9.{n // 250}.{n % 250}"
        )
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise CommandError(f"{url}: {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_USER_AGENT=BROWSER)
    return statistics.median(times), statistics.median(cpu), len(queries)


class Command(BaseCommand):
    help = "Create 100,000 portal articles in bulk; time the article, category and search pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument(
            "--concurrent",
            type=int,
            default=0,
            metavar="N",
            help="Only the concurrency check: N simultaneous views of one article (PostgreSQL).",
        )
        parser.add_argument("--threads", type=int, default=25)
        parser.add_argument("--visitors", type=int, default=150)

    @override_settings(ALLOWED_HOSTS=["testserver"])
    def handle(self, *args: Any, articles: int, requests: int, **options: Any) -> None:
        portal = PortalHomePage.objects.first()
        if portal is None:
            raise CommandError("No portal: run `dangvu load_demo` first.")
        if options["concurrent"]:
            self._concurrent(options["concurrent"], options["threads"], options["visitors"])
            return
        existing = ArticlePage.objects.filter(slug__startswith="bench-").count()
        if existing < articles:
            started = time.perf_counter()
            self._create(portal, articles - existing, existing)
            with connection.cursor() as cursor:
                # The planner needs statistics to choose the indexes; on PostgreSQL VACUUM also
                # sets the visibility map that index-only scans need (autovacuum would, later).
                cursor.execute(
                    "VACUUM ANALYZE portal_articlepage, wagtailcore_page"
                    if connection.vendor == "postgresql"
                    else "ANALYZE"
                )
            self.stdout.write(
                f"created {articles - existing} articles in {time.perf_counter() - started:.1f} s"
            )
        total = ArticlePage.objects.filter(live=True).count()
        self.stdout.write(
            f"{connection.vendor}, {total} live articles, Python {platform.python_version()}, "
            f"{platform.machine()}, median of {requests} requests"
        )
        category = CategoryPage.objects.child_of(portal).get(slug="dang-doan-the")
        article = ArticlePage.objects.filter(category=category, slug__startswith="bench-").order_by(
            "pk"
        )[articles // 8]
        client = Client()
        pages = [
            ("article page", article.url),
            ("category page 1", category.url),
            ("category page 500", f"{category.url}?trang=500"),
            ("portal home", portal.url),
            ("search, common word", f"{portal.url}tim-kiem/?q=nghi+quyet"),
            ("search, rare word", f"{portal.url}tim-kiem/?q=bai+mau+so+{articles - 7}"),
            ("search, no match", f"{portal.url}tim-kiem/?q=khongcotu"),
        ]
        self.stdout.write(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for label, url in pages:
            median, cpu, queries = _median_ms(client, url, requests)
            self.stdout.write(
                f"  {label:<24} {median:7.1f} ms  (CPU {cpu:5.1f} ms)  {queries:3d} queries  {url}"
            )

    @transaction.atomic
    def _create(self, portal: PortalHomePage, count: int, offset: int) -> None:
        categories = [
            page
            for page in CategoryPage.objects.child_of(portal).order_by("path")
            if page.kind == CategoryKind.ARTICLES
        ]
        content_type = ContentType.objects.get_for_model(ArticlePage)
        locale = Locale.get_default()
        start = dt.datetime(2021, 1, 1, 7, 0, tzinfo=dt.UTC)
        per_category: dict[int, int] = {}
        for category in categories:
            category.refresh_from_db()
            per_category[category.pk] = category.numchild
        batch = 1000
        for first in range(0, count, batch):
            pages: list[Page] = []
            extras: list[tuple[str, str, dt.datetime, CategoryPage]] = []
            for n in range(first + offset, min(first + batch, count) + offset):
                category = categories[n % len(categories)]
                per_category[category.pk] += 1
                words = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(12))
                title = f"Bài mẫu số {n}: {words[:80]}"
                slug = f"bench-{n}"
                at = start + dt.timedelta(minutes=7 * n)
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=CategoryPage._get_path(
                            category.path, category.depth + 1, per_category[category.pk]
                        ),
                        depth=category.depth + 1,
                        numchild=0,
                        url_path=f"{category.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=at,
                        last_published_at=at,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
                lead = f"Tin mẫu số {n} cho phép đo tốc độ: {words}."
                extras.append((lead, words, at, category))
            Page.objects.bulk_create(pages)
            rows = []
            for page, (lead, words, at, category) in zip(pages, extras, strict=True):
                row = ArticlePage(
                    page_ptr_id=page.pk,
                    lead=lead,
                    body=[("text", f"<p>{words}. {lead}</p>")],
                    portal_id=portal.pk,
                    category_id=category.pk,
                    published_at=at,
                    search_folded=f" {fold(page.title + ' ' + lead + ' ' + words)} ",
                )
                rows.append(row)
            ArticlePage._base_manager._insert(
                rows,
                fields=ArticlePage._meta.local_concrete_fields,
                using=connection.alias,
            )
        for category in categories:
            Page.objects.filter(pk=category.pk).update(numchild=per_category[category.pk])

    def _concurrent(self, views: int, threads: int, visitors: int) -> None:
        """`views` requests of one article, `threads` at a time released together by a barrier,
        from `visitors` distinct visitors (address and browser): the count must rise by exactly
        the visitors who had not read it yet today, whatever the interleaving."""
        if connection.vendor != "postgresql":
            raise CommandError("The concurrency check runs on PostgreSQL (DATABASE_URL).")
        if views % threads:
            raise CommandError("--concurrent must be a multiple of --threads.")
        article = ArticlePage.objects.filter(live=True).order_by("-pk").first()
        if article is None:
            raise CommandError("No live article.")
        url = article.url
        # A run-specific browser string: each run's visitors are new ones for today.
        agent = f"{BROWSER} run-{uuid.uuid4().hex[:8]}"
        before = ArticleView.objects.filter(article=article).count()
        barrier = threading.Barrier(threads)
        errors: list[str] = []
        per_thread = views // threads

        def read(thread: int) -> None:
            client = Client()
            try:
                barrier.wait()
                for n in range(per_thread):
                    visitor = (thread * per_thread + n) % visitors
                    response = client.get(
                        url,
                        HTTP_USER_AGENT=agent,
                        REMOTE_ADDR=f"10.2.{visitor // 250}.{visitor % 250}",
                    )
                    if response.status_code != 200:
                        errors.append(str(response.status_code))
            except Exception as error:  # reported below
                errors.append(repr(error))
            finally:
                connections.close_all()

        started = time.perf_counter()
        workers = [threading.Thread(target=read, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        rose = ArticleView.objects.filter(article=article).count() - before
        distinct = min(visitors, views)
        verdict = "OK" if rose == distinct and not errors else "WRONG"
        self.stdout.write(
            f"  {views} concurrent views of {url} in {threads} threads from {distinct} distinct "
            f"visitors: count rose by {rose} (expected {distinct}), {len(errors)} errors, "
            f"{elapsed:.1f} s, {views / elapsed:.0f} views/s: {verdict}"
        )
        if verdict != "OK":
            raise CommandError(f"view count wrong: {errors[:3]}")
