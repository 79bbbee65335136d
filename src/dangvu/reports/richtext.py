"""Rich text written by the units: sanitised with nh3 on the way in, cut into plain paragraphs
for the draft. Only what the report documents print is kept: paragraphs and lists (each item is a
paragraph of the draft and of the Word document); emphasis would be lost on the way, so it is
not offered by the editor and its tags are removed here (their text stays)."""

from __future__ import annotations

import html
import re

import nh3

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
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes={}).strip()


def paragraphs(value: str) -> list[str]:
    """The text of each paragraph or list item, without markup."""
    if not value:
        return []
    marked = _BLOCK_END.sub("\n", value)
    text = html.unescape(nh3.clean(marked, tags=set(), attributes={}))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
