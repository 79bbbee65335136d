"""Wagtail's admin in Vietnamese (issue 13): the office's writers and reviewers are not programmers,
and Wagtail's own catalogue translates a seventh of its admin. Our catalogue in
dangvu/wagtail_vi/locale (first in LOCALE_PATHS) translates what they meet: the edit screen's
action menu, the workflow, the status labels, the messages after each action, and the sidebar
(the JavaScript catalogue)."""

from __future__ import annotations

import gettext
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import wagtail
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from dangvu.portal.models import ArticlePage, CategoryPage, PortalHomePage

from .conftest import draft, user

pytestmark = pytest.mark.django_db

OVERRIDE = Path(settings.LOCALE_PATHS[0])
CATALOGUES = OVERRIDE / "vi" / "LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).resolve().parent
DJANGO = Path(django.__file__).resolve().parent

# Labels of Wagtail's admin that a writer or reviewer would otherwise read in English.
ENGLISH = (
    "Save draft",
    "Publish",
    "Submit to",
    "Preview",
    "Editing",
    "Unpublish",
    "Delete",
    "History",
    "Status",
    "Draft",
    "Live",
    "In moderation",
    "Schedule",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Search",
    "Help",
    "Reports",
    "Log out",
    "Account",
    "Content",
    "Promote",
    "Settings",
    "Approve",
    "Request changes",
    "Comments",
    "Lock",
    "Privacy",
    "Page visibility",
    "Current page status",
    "Awaiting your review",
    "Your most recent edits",
    "Site summary",
    "Drafted from",  # our own panel on the edit screen
)


class _Visible(HTMLParser):
    """The texts a reader sees or hears: text nodes outside script/style/template, and the labels
    given to screen readers and tooltips."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder"} and value and value.strip():
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def _visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.texts


def _english(texts: list[str]) -> list[str]:
    pattern = re.compile(r"^({})\b".format("|".join(re.escape(label) for label in ENGLISH)))
    return [text for text in texts if pattern.match(text)]


@pytest.fixture
def seed(portal: PortalHomePage) -> ArticlePage:
    return ArticlePage.objects.get(conference__isnull=False, portal=portal)


def test_the_writer_edits_the_seed_article_in_vietnamese(client: Client, seed: ArticlePage) -> None:
    client.force_login(user("vanphong"))
    response = client.get(f"/cms/pages/{seed.pk}/edit/")
    assert response.status_code == 200
    texts = _visible(response.content.decode())
    assert "Lưu nháp" in texts  # Save draft
    assert any(text.startswith("Gửi duyệt (") for text in texts), texts  # Submit to …
    assert "Xem trước" in " ".join(texts)  # Preview
    assert any(text.startswith("Sửa Bài viết") for text in texts), texts  # Editing Bài viết
    assert any(text.startswith("Bài viết từ hội nghị") for text in texts), texts
    # "First published 6 years ago" (django.utils.timesince, untranslated in Django's Vietnamese).
    assert any(re.search(r"\d+ năm", text) for text in texts), texts
    assert [t for t in texts if re.search(r"\d+\s(year|month|week|day|hour|minute)s?\b", t)] == []
    assert _english(texts) == []


def test_the_reviewer_approves_or_asks_for_changes_in_vietnamese(
    client: Client, portal: PortalHomePage
) -> None:
    category = CategoryPage.objects.child_of(portal).get(slug="dang-doan-the")
    article = draft(category, "Bài chờ duyệt")
    workflow = article.get_workflow()
    assert workflow is not None
    workflow.start(article, user("vanphong"))

    client.force_login(user("duyetbai"))
    texts = _visible(client.get(f"/cms/pages/{article.pk}/edit/").content.decode())
    joined = " ".join(texts)
    for vietnamese in ("Xuất bản", "Duyệt", "Yêu cầu sửa", "Lưu nháp"):
        assert vietnamese in joined, vietnamese
    assert _english(texts) == []

    # The dashboard: what awaits the reviewer, in Vietnamese.
    texts = _visible(client.get("/cms/").content.decode())
    assert "Chờ bạn duyệt" in texts
    assert "Bài chờ duyệt" in texts
    assert _english(texts) == []


def test_the_listing_and_history_use_the_articles_words(
    client: Client, portal: PortalHomePage
) -> None:
    """The bare "Title" and "Published" were a person's title (Chức vụ) and a task's (Đã giao) in
    our catalogue, so Wagtail's listing and history said so of articles; those now have contexts."""
    category = CategoryPage.objects.child_of(portal).get(slug="dang-doan-the")
    client.force_login(user("duyetbai"))
    texts = _visible(client.get(f"/cms/pages/{category.pk}/").content.decode())
    assert "Tiêu đề" in texts
    assert "Chức vụ" not in texts
    assert _english(texts) == []
    with translation.override("vi"):
        assert translation.pgettext("position", "Title") == "Chức vụ"
        assert translation.pgettext("task", "Published") == "Đã giao"
    # The same for "Published": a task is "giao", an article's history says "xuất bản".
    seed = ArticlePage.objects.get(conference__isnull=False, portal=portal)
    texts = _visible(client.get(f"/cms/pages/{seed.pk}/history/").content.decode())
    assert "Đã xuất bản" in texts, texts
    assert "Đã giao" not in texts


def _form(title: str, action: str) -> dict[str, str]:
    data = nested_form_data(
        {
            "title": title,
            "slug": "bai-viet-tieng-viet",
            "lead": "Tin mẫu.",
            "body": streamfield([("text", rich_text("<p>Nội dung.</p>"))]),
        }
    )
    data[action] = "1"
    return data


def _said(response: HttpResponse) -> str:
    return html.unescape(response.content.decode())


def test_the_messages_after_each_action_are_vietnamese(
    client: Client, portal: PortalHomePage
) -> None:
    category = CategoryPage.objects.child_of(portal).get(slug="tin-tuc-su-kien")
    client.force_login(user("vanphong"))
    add = f"/cms/pages/add/portal/articlepage/{category.pk}/"
    response = client.post(add, _form("Bài thử tiếng Việt", "action-save"), follow=True)
    article = ArticlePage.objects.get(title="Bài thử tiếng Việt")
    assert "Đã tạo trang 'Bài thử tiếng Việt'." in _said(response)

    edit = f"/cms/pages/{article.pk}/edit/"
    response = client.post(edit, _form("Bài thử tiếng Việt", "action-submit"), follow=True)
    assert "Đã gửi duyệt trang 'Bài thử tiếng Việt'." in _said(response)

    client.force_login(user("duyetbai"))
    response = client.post(edit, _form("Bài thử tiếng Việt", "action-publish"), follow=True)
    assert "Đã xuất bản trang 'Bài thử tiếng Việt'." in _said(response)
    response = client.post(f"/cms/pages/{article.pk}/unpublish/", {}, follow=True)
    assert "Đã gỡ xuất bản trang 'Bài thử tiếng Việt'." in _said(response)


def test_the_sidebar_and_editor_scripts_have_vietnamese(
    client: Client, portal: PortalHomePage
) -> None:
    client.force_login(user("vanphong"))
    # The URL Wagtail's pages load their JavaScript catalogue from.
    page = client.get("/cms/").content.decode()
    match = re.search(r'src="([^"]*jsi18n/[^"]*)"', page)
    assert match, "the admin loads no JavaScript catalogue"
    catalogue = client.get(match.group(1)).content.decode("utf-8")
    assert '"Main menu": "Tr\\u00ecnh \\u0111\\u01a1n ch\\u00ednh"' in catalogue or (
        '"Main menu": "Trình đơn chính"' in catalogue
    )
    for english in ("Toggle sidebar", "Page explorer", "Save error"):
        assert re.search(rf'"{re.escape(english)}": "[^"]+"', catalogue), english


def _entries(domain: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES / f"{domain}.po"))


def _known_msgids(domain: str) -> set[tuple[str | None, str, str]]:
    """Wagtail's msgids, and Django's (the admin shows "6 years ago" through django.utils.timesince,
    which Django's own Vietnamese leaves untranslated)."""
    ids = set()
    django_en = DJANGO / "conf" / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    paths = [*WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"), django_en]
    for path in filter(Path.exists, paths):
        ids |= {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path))}
    return ids


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_override_catalogue_is_whole_and_compiled(domain: str) -> None:
    po = _entries(domain)
    assert len(po) >= (500 if domain == "django" else 80)
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()
    # Never a msgid Wagtail (or Django) lacks: one whose msgid changed would silently do nothing.
    known = _known_msgids(domain)
    assert [e.msgid for e in po if (e.msgctxt, e.msgid, e.msgid_plural) not in known] == []
    for entry in po:
        msgstr = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        source = entry.msgid_plural or entry.msgid
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(source)), (
            entry.msgid
        )
    with (CATALOGUES / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po:
        if not entry.msgid_plural:
            assert compiled.gettext(entry.msgid) == entry.msgstr, "recompile: msgfmt -o … .mo … .po"


def test_the_override_does_not_change_our_own_words() -> None:
    """The override comes first in LOCALE_PATHS, so it would win on our own pages too: a msgid
    both catalogues have ("Task", "Documents") is left to ours (Nhiệm vụ, Văn bản)."""
    ours = polib.pofile(str(Path(settings.LOCALE_PATHS[1]) / "vi" / "LC_MESSAGES" / "django.po"))
    shared = {(e.msgctxt, e.msgid) for e in ours} & {
        (e.msgctxt, e.msgid) for e in _entries("django")
    }
    assert shared == set()
    with translation.override("vi"):
        assert translation.gettext("Task") == "Nhiệm vụ"
        assert translation.gettext("Documents") == "Văn bản"


def test_make_messages_leaves_the_override_alone() -> None:
    """makemessages (run in src/dangvu) files each source file under the first LOCALE_PATHS entry
    whose parent directory holds it. The override's parent holds no source file, so it gets none:
    Wagtail's strings are not pulled into our catalogue and the override is not rewritten."""
    package = Path(settings.LOCALE_PATHS[1]).parent
    assert OVERRIDE.parent != package
    assert package in OVERRIDE.parents
    sources = [
        path
        for path in OVERRIDE.parent.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".js"}
    ]
    assert sources == []
