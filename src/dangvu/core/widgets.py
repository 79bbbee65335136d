"""The rich-text box (contributions, the office's draft edit, comments and their answers, the
minutes of a conference):
a textarea that `static/dangvu/js/richtext.js` turns into a ProseMirror editor (the vendored
django-prose-editor build, served from our static files; no CDN, no inline script or style).
Without JavaScript it stays a textarea and plain lines become paragraphs (`core.richtext`).
What arrives is sanitised on the server whatever the browser sent."""

from __future__ import annotations

from typing import Any

from django import forms


class RichTextWidget(forms.Textarea):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 4, **(attrs or {}), "data-richtext": ""})

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "dangvu/css/richtext.css",
                ]
            },
            # a module script (Django 5.2 forms.Script), which the stubs do not know yet
            js=[forms.Script("dangvu/js/richtext.js", type="module")],  # type: ignore[list-item]
        )
