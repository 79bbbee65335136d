"""The rich text of core: sanitising and the lines a document prints."""

from __future__ import annotations

from dangvu.core.richtext import as_html, document_lines, paragraphs, sanitise
from dangvu.reports import richtext as old_richtext
from dangvu.reports import widgets as old_widgets


def test_document_lines_keep_paragraphs_and_mark_list_items() -> None:
    html = (
        "<p>Mở đầu &amp; bối cảnh</p><ul><li><p>Một</p></li><li>Hai</li></ul>"
        "<ol><li><p>A</p></li><li>B<ol><li>c</li></ol></li></ol><p>cuối<br>dòng</p>"
    )
    assert document_lines(html) == [
        "Mở đầu & bối cảnh",
        "- Một",
        "- Hai",
        "1. A",
        "2. B",
        "1. c",
        "cuối",
        "dòng",
    ]


def test_plain_text_is_one_paragraph_per_line() -> None:
    assert document_lines("dòng 1\n\n dòng 2 ") == ["dòng 1", "dòng 2"]
    assert as_html("a < b\nc") == "<p>a &lt; b</p><p>c</p>"
    assert document_lines("") == []
    assert as_html("") == ""


def test_the_report_modules_still_export_the_moved_names() -> None:
    assert old_richtext.sanitise is sanitise
    assert old_richtext.paragraphs is paragraphs
    from dangvu.core.widgets import RichTextWidget

    assert old_widgets.RichTextWidget is RichTextWidget
