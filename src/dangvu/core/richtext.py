"""Rich text (the units' contributions, the office's draft, the minutes of a conference, the answers
to comments): sanitised with nh3 on the way in, cut into plain paragraphs for the documents. Only
what the Party documents print is kept: paragraphs and lists (each item is a paragraph of the Word
document, a bulleted one led by "- ", a numbered one by its number); emphasis would be lost on the
way, so it is not offered by the editor and its tags are removed here (their text stays).
Text saved before the editor existed (plain lines) reads as one paragraph per line."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li"}
_BLOCK_TAG = re.compile(r"<(p|ul|ol|li|br)\b", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|li)>|<br\s*/?>", re.IGNORECASE)


def sanitise(value: str) -> str:
    """Keep paragraphs, line breaks and lists; drop everything else (emphasis, scripts, styles,
    attributes, links; the text inside stays). Plain text becomes one paragraph per line."""
    value = (value or "").strip()
    if not value:
        return ""
    if not _BLOCK_TAG.search(value):
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        value = "".join(f"<p>{line}</p>" for line in lines)
    clean = nh3.clean(value, tags=ALLOWED_TAGS, attributes={}).strip()
    return clean if paragraphs(clean) else ""  # an empty editor ("<p></p>") is nothing


def paragraphs(value: str) -> list[str]:
    """The text of each paragraph or list item, without markup."""
    if not value:
        return []
    marked = _BLOCK_END.sub("\n", value)
    text = html.unescape(nh3.clean(marked, tags=set(), attributes={}))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class _Lines(HTMLParser):
    """Walks sanitised HTML (p, br, ul, ol, li) into printed lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.lists: list[list[Any]] = []  # per open list: [tag, next number]
        self.marker = ""
        self.text: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        self.text = []
        if text:
            self.lines.append(f"{self.marker} {text}" if self.marker else text)
            self.marker = ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 1])
        elif tag == "li" and self.lists:
            kind, number = self.lists[-1]
            self.marker = "-" if kind == "ul" else f"{number}."
            self.lists[-1][1] = number + 1

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def document_lines(value: str) -> list[str]:
    """The paragraphs of `value` as a document prints them: a bulleted item led by "- ", a
    numbered item by "1. ", "2. "… (numbered per list). Plain text (older records) gives one
    paragraph per line."""
    walker = _Lines()
    walker.feed(sanitise(value))
    walker.close()
    walker.flush()
    return walker.lines


def as_html(value: str) -> SafeString:
    """`value` sanitised, safe to put in a page (older plain text becomes paragraphs)."""
    return mark_safe(sanitise(value))  # noqa: S308  (nh3 kept only p, br, ul, ol, li)
