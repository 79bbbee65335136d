"""The committee's public portal (trang thông tin điện tử) as Wagtail pages.

Tree: `PortalRootPage` (/portal/, the default site's root) → one `PortalHomePage` per committee →
its `CategoryPage`s → `ArticlePage`s. An article keeps, beside Wagtail's own fields, what the
public lists need as indexed columns of its own table: its portal, its category, the day it was
published and its folded search text (kept by `save`, i.e. on every publish).

Views are counted in `ArticleView`: one row per article, day and (hashed) visitor, written with
insert-or-ignore, so a count is a `COUNT(*)` and "most read this week" a `GROUP BY`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from dangvu.org.models import Organisation
from dangvu.portal.blocks import body_blocks
from dangvu.portal.folding import fold

PAGE_SIZE = 20


def portal_context(request: HttpRequest, portal: PortalHomePage | None) -> dict[str, Any]:
    """What every portal page's header needs: the portal, its categories, the search address."""
    if portal is None:
        return {"portal_home": None, "portal_categories": [], "search_url": ""}
    return {
        "portal_home": portal,
        "portal_categories": list(portal.categories().only("title", "url_path", "slug")),
        "search_url": (portal.get_url(request) or "/") + "tim-kiem/",
    }


class PortalRootPage(Page):
    """The site's root (/portal/): the list of the committees' portals."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.PortalHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("portals")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["portals"] = PortalHomePage.objects.child_of(self).live().order_by("path")
        context.update(portal_context(request, None))
        return context


class PortalHomePage(RoutablePageMixin, Page):
    """A committee's portal: latest and most-read articles, categories, search, sitemap."""

    committee = models.OneToOneField(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="portal",
    )
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    # The Wagtail groups of the portal's roles (see services.portal_create).
    writers_group = models.ForeignKey(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    reviewers_group = models.ForeignKey(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    contributors_group = models.ForeignKey(
        Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    parent_page_types = ["portal.PortalRootPage"]
    subpage_types = ["portal.CategoryPage"]
    content_panels = [*Page.content_panels, FieldPanel("tagline")]

    class Meta:
        verbose_name = _("committee portal")

    def categories(self) -> models.QuerySet[CategoryPage]:
        return CategoryPage.objects.child_of(self).live().in_menu().order_by("path")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(portal_context(request, self))
        return context

    @path("")
    def home(self, request: HttpRequest) -> HttpResponse:
        from dangvu.portal import selectors

        return self.render(
            request,
            context_overrides={
                "latest": selectors.latest_articles(portal=self, limit=10),
                "most_read": selectors.most_read(portal=self, days=7, limit=5),
            },
        )

    @path("tim-kiem/", name="search")
    def search(self, request: HttpRequest) -> HttpResponse:
        from dangvu.portal import selectors

        query = request.GET.get("q", "")[:200]
        results = selectors.search_articles(portal=self, query=query)
        return self.render(
            request,
            template="portal/search.html",
            context_overrides={"query": query, "page_obj": paginate(results, request)},
        )


class CategoryKind(models.TextChoices):
    ARTICLES = "articles", _("Articles")
    DOCUMENTS = "documents", _("Documents")


class CategoryPage(RoutablePageMixin, Page):
    """A category ("Đảng - đoàn thể"): its articles, newest first, 20 a page; RSS and Atom."""

    portal = models.ForeignKey(
        PortalHomePage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=CategoryKind.choices, default=CategoryKind.ARTICLES
    )
    description = models.TextField(_("description"), blank=True)

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("description")]

    class Meta:
        verbose_name = _("category")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.portal_id is None and self.path:
            self.portal = PortalHomePage.objects.filter(path=self.path[: -self.steplen]).first()
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(portal_context(request, self.portal))
        return context

    @path("")
    def listing(self, request: HttpRequest) -> HttpResponse:
        from dangvu.portal import selectors

        context: dict[str, Any] = {
            "page_obj": paginate(selectors.category_articles(category=self), request),
            "documents": None,
        }
        if self.kind == CategoryKind.DOCUMENTS and self.portal is not None:
            context["documents"] = selectors.public_documents(committee=self.portal.committee)
        return self.render(request, context_overrides=context)

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from dangvu.portal import feeds

        return feeds.CategoryRssFeed()(request, category=self)

    @path("atom/", name="atom")
    def atom(self, request: HttpRequest) -> HttpResponse:
        from dangvu.portal import feeds

        return feeds.CategoryAtomFeed()(request, category=self)


class ArticlePage(Page):
    """An article in the seed's shape: category (its parent), title, "Ngày đăng", "Lượt xem",
    lead, body with captioned images, related articles."""

    lead = models.TextField(_("lead"), help_text=_("The opening paragraph, shown in lists."))
    body = StreamField(body_blocks(), verbose_name=pgettext_lazy("page", "body"), blank=True)
    portal = models.ForeignKey(
        PortalHomePage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        CategoryPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    search_folded = models.TextField(editable=False, default="")
    conference = models.OneToOneField(
        "meetings.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="portal_article",
    )
    issued_report = models.OneToOneField(
        "reports.IssuedReport",
        verbose_name=_("issued report"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="portal_article",
    )

    parent_page_types = ["portal.CategoryPage"]
    subpage_types: list[str] = []
    content_panels = [
        # The other way of the link: the conference (or issued report) the article was drafted
        # from, for the office in Wagtail's editor (readers do not see the internal pages).
        HelpPanel(template="portal/panels/source.html", heading=_("Source")),
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead")]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Ascending, read backwards: newest first with the primary key as the tie-break.
            # The primary key last: the lists' order (newest, then pk) read from the index alone.
            models.Index(
                fields=["category", "published_at", "page_ptr"], name="portal_article_category"
            ),
            models.Index(
                fields=["portal", "published_at", "page_ptr"], name="portal_article_portal"
            ),
        ]

    def body_text(self) -> str:
        parts: list[str] = []
        for block in self.body:
            if block.block_type == "text":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
        return " ".join(parts)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.path and (self.category_id is None or self.portal_id is None):
            parent = (
                CategoryPage.objects.filter(path=self.path[: -self.steplen])
                .values_list("pk", "portal_id")
                .first()
            )
            if parent is not None:
                self.category_id, self.portal_id = parent
        # Set while live, cleared on unpublish (Wagtail saves the whole row then): the public
        # lists filter on this column alone, without joining Wagtail's page table for `live`.
        self.published_at = self.first_published_at if self.live else None
        self.search_folded = " " + fold(f"{self.title} {self.lead} {self.body_text()}") + " "
        super().save(*args, **kwargs)

    def first_image(self) -> Any:
        for block in self.body:
            if block.block_type == "image":
                return block.value
        return None

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from dangvu.portal import services

        services.view_record(article=self, request=request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dangvu.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context["view_count"] = selectors.view_count(article=self)
        context["related"] = selectors.related_articles(article=self, limit=5)
        context["category"] = self.category
        context.update(portal_context(request, self.portal))
        return context


class ArticleView(models.Model):
    """One visitor read one article on one day (the visitor is a salted hash, never an address)."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="views")
    day = models.DateField(_("day"))
    visitor = models.CharField(_("visitor"), max_length=32)

    class Meta:
        verbose_name = _("article view")
        verbose_name_plural = _("article views")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "day", "visitor"], name="portal_view_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["day", "article"], name="portal_view_day")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}"


class PublishedDocument(models.Model):
    """An issued notice or report the office made public: it shows under "Văn bản"."""

    committee = models.ForeignKey(
        Organisation, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conclusion = models.OneToOneField(
        "meetings.Conclusion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publication",
    )
    issued_report = models.OneToOneField(
        "reports.IssuedReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publication",
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conclusion__isnull=False) | Q(issued_report__isnull=False),
                name="portal_document_has_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:60]}"


def paginate(queryset: Any, request: HttpRequest) -> Any:
    """A page of 20: first the page's primary keys alone (read from the article table's index,
    however deep the page), then those 20 rows with their joins, in the same order. A deep
    OFFSET over the joined rows made PostgreSQL sort the whole category (0.4 s at page 500)."""
    paginator = Paginator(queryset.values_list("pk", flat=True), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("trang", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    ids = list(page.object_list)
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page
