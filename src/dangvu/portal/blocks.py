"""The blocks an article's body is made of: rich text (sanitised whenever it is read or saved),
and an image with its required alternative text and an optional caption."""

from __future__ import annotations

from typing import Any

import nh3
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

# Wagtail's stored rich-text format: plain HTML plus <a linktype…> and <embed embedtype…>.
ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "a", "ol", "ul", "li", "h2", "h3", "h4",
    "blockquote", "embed",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
RICH_TEXT_FEATURES = ["bold", "italic", "h2", "h3", "ol", "ul", "link", "blockquote"]


def sanitise(html: str) -> str:
    """Only the tags and attributes above survive; scripts, event handlers, styles and
    `javascript:` links are dropped (nh3, the Rust ammonia sanitiser)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )


class SafeRichTextBlock(blocks.RichTextBlock):
    """A rich-text block whose HTML is sanitised on the way in and on the way out, so a value
    written by any path (the editor, a service, a bulk insert) reaches a reader only cleaned."""

    def get_prep_value(self, value: Any) -> str:
        source = value.source if isinstance(value, RichText) else str(value or "")
        return sanitise(source)

    def to_python(self, value: Any) -> RichText:
        return RichText(sanitise(value or ""))


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it (required)."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "portal/blocks/captioned_image.html"


def body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", SafeRichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))),
        ("image", CaptionedImageBlock()),
    ]
