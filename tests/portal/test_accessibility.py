"""The portal's WCAG 2.1 AA basics and "nothing from a CDN", checked on what readers get: the
stylesheet's text colours against their backgrounds (≥ 4.5:1), one h1 and no skipped heading level
on every public page, an image refused without its alternative text and every image given one,
OpenGraph tags on every page a link is shared from, and no address of another host loaded by the
portal's pages, its stylesheet or the office's Wagtail editor."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from dangvu.portal.blocks import CaptionedImageBlock
from dangvu.portal.models import ArticlePage, CategoryPage, PortalHomePage

from .conftest import user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
CSS = Path(__file__).resolve().parents[2] / "src/dangvu/portal/static/portal/portal.css"


def _rules() -> dict[str, dict[str, str]]:
    """selector → {property: value} of the portal's stylesheet (outside the media query)."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    text = text.split("@media")[0]
    rules: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        declarations = {
            name.strip(): value.strip()
            for name, _, value in (d.partition(":") for d in body.split(";"))
            if value.strip()
        }
        rules[" ".join(selector.split())] = declarations
    return rules


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_helper_knows_the_wcag_figures() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # the classic just-failing grey


def test_every_text_colour_meets_aa_on_its_background() -> None:
    rules = _rules()
    page = rules["body"]["background"]
    header, nav = rules[".p-header"]["background"], rules[".p-nav"]["background"]
    pairs = {
        "body text": (rules["body"]["color"], page),
        "links": (rules["a"]["color"], page),
        "links hovered": (rules["a:hover, a:focus"]["color"], page),
        "h1": (rules["h1"]["color"], page),
        "h2": (rules["h2"]["color"], page),
        "article titles": (rules[".p-item-title a"]["color"], page),
        "date and views": (rules[".p-meta"]["color"], page),
        "category": (rules[".p-cat"]["color"], page),
        "caption": (rules[".p-figure figcaption"]["color"], page),
        "related dates": (rules[".p-related .p-date"]["color"], page),
        "feeds, source": (rules[".p-feeds, .p-source"]["color"], page),
        "not published": (rules[".p-draft"]["color"], page),
        "header": (rules[".p-header"]["color"], header),
        "header links": (rules[".p-header a"]["color"], header),
        "categories menu": (rules[".p-header a"]["color"], nav),
        "search button": (
            rules[".p-search button"]["color"],
            rules[".p-search button"]["background"],
        ),
        "footer": (rules[".p-footer"]["color"], rules[".p-footer"]["background"]),
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert low == {}


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.loaded: list[str] = []  # what the browser fetches by itself
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(values)
        if tag in ("img", "script", "iframe", "source", "video", "audio") and values.get("src"):
            self.loaded.append(values["src"] or "")
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload", "manifest"):
            self.loaded.append(values.get("href") or "")
        if tag == "meta" and values.get("property"):
            self.meta[values["property"] or ""] = values.get("content") or ""


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def _public_pages(portal: PortalHomePage, seed: ArticlePage) -> dict[str, str]:
    categories = {c.slug: c for c in CategoryPage.objects.child_of(portal)}
    return {
        "home": portal.url,
        "category": categories["dang-doan-the"].url,
        "category page 2": categories["dang-doan-the"].url + "?trang=2",
        "van ban": categories["van-ban"].url,
        "article": seed.url,
        "search": f"{portal.url}tim-kiem/?q=hoi+nghi",
        "portals": "/portal/",
    }


def _external(address: str) -> bool:
    return bool(re.match(r"^(https?:)?//", address)) and not re.match(
        r"^https?://testserver/", address
    )


def test_one_h1_no_skipped_level_alt_text_and_nothing_from_elsewhere(
    client: Client, portal: PortalHomePage, seed: ArticlePage
) -> None:
    for name, url in _public_pages(portal, seed).items():
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200, name
        page = outline(response.content.decode())
        assert page.headings.count(1) == 1, (name, page.headings)
        assert page.headings[0] == 1, (name, page.headings)
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (name, page.headings)  # h2 → h4 skips a level
        for image in page.images:
            assert (image.get("alt") or "").strip(), (name, image)
        assert page.loaded, name  # at least the stylesheet
        assert [a for a in page.loaded if _external(a)] == [], name
    assert outline(client.get(seed.url, HTTP_USER_AGENT=BROWSER).content.decode()).images
    css = CSS.read_text(encoding="utf-8")
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_an_image_without_alternative_text_is_refused(seed: ArticlePage) -> None:
    block = CaptionedImageBlock()
    image = seed.first_image()["image"]  # the seed article's photo
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "", "caption": "Chú thích"}))
    value = block.clean(block.to_python({"image": image.pk, "alt": "Ảnh hội nghị", "caption": ""}))
    assert value["alt"] == "Ảnh hội nghị"


def test_every_shared_page_has_its_opengraph_tags(
    client: Client, portal: PortalHomePage, seed: ArticlePage
) -> None:
    for name, url in _public_pages(portal, seed).items():
        if name in ("search", "category page 2"):
            continue
        meta = outline(client.get(url, HTTP_USER_AGENT=BROWSER).content.decode()).meta
        for prop in ("og:type", "og:title", "og:url", "og:locale"):
            assert meta.get(prop), (name, prop)
        assert meta["og:url"].startswith("http://testserver/portal/"), name
    article = outline(client.get(seed.url, HTTP_USER_AGENT=BROWSER).content.decode()).meta
    assert article["og:type"] == "article"
    assert article["og:image"].startswith("http://testserver/")
    home = outline(client.get(portal.url).content.decode()).meta
    assert home["og:type"] == "website"
    assert home["og:site_name"] == portal.title


def test_the_offices_editor_loads_nothing_from_elsewhere(client: Client, seed: ArticlePage) -> None:
    client.force_login(user("vanphong"))
    for url in ("/cms/", f"/cms/pages/{seed.pk}/edit/", f"/cms/pages/{seed.get_parent().pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = outline(response.content.decode())
        assert [a for a in page.loaded if _external(a)] == [], url
