"""Forms of the report pages; the rules live in the services. Every input of `reports.views`
comes through one of these (about 400 lines: one small form per page action, in page order;
kept together so the pages' inputs read in one place)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VnDateField
from dangvu.core.richtext import document_lines, paragraphs, sanitise
from dangvu.core.widgets import RichTextWidget
from dangvu.documents.forms import RegisterOptionsForm
from dangvu.org.forms import unit_picker_attrs
from dangvu.org.models import Organisation
from dangvu.reports.enums import CommentStatus, CutOff, PeriodKind
from dangvu.reports.models import OutlineTemplate
from dangvu.reports.outline import (
    DEFAULT_INDICATORS,
    DEFAULT_OUTLINE,
    parse_indicators,
    parse_outline,
)

OUTLINE_HELP = _(
    "One section per line, indented by two spaces per level. Start a line with * for a topic "
    "the units report on, ! for the section gathering their shortcomings, > for the one "
    "gathering their next-period tasks."
)
INDICATORS_HELP = _('One per line: "name | unit of measure", add "| decimal" for fractions.')


class PeriodForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs=unit_picker_attrs()),
    )
    # Own labels: the bare "Kind" and "Title" are a conference's kind and a person's title.
    kind = forms.ChoiceField(label=_("Kind of period"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    number = forms.IntegerField(
        label=_("Month, quarter or half"), required=False, min_value=1, max_value=12
    )
    cut_off = forms.ChoiceField(label=_("Cut-off"), choices=CutOff.choices)
    starts_on = VnDateField(
        label=_("Covers from"), required=False, help_text=_("Only for a term or ad hoc period.")
    )
    ends_on = VnDateField(label=_("Covers to"), required=False)
    due_on = VnDateField(label=_("Contributions due on"))
    title = forms.CharField(
        label=_("Report title"),
        required=False,
        max_length=300,
        help_text=_("Left empty: “Báo cáo 9 tháng đầu năm 2020” and the like."),
    )
    template = forms.ModelChoiceField(
        label=_("Outline"),
        queryset=OutlineTemplate.objects.none(),
        required=False,
        empty_label=_("Default outline"),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units asked to contribute"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=unit_picker_attrs()),
    )

    confirmed = forms.BooleanField(
        label=_("Open it anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, committees: Any, units: Any, templates: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]

    def warnings(self, *, opened: Any) -> list[str]:
        """What the office confirms before the period is opened: one like it exists already
        (same committee, kind, year and number), or it asks no unit."""
        from dangvu.reports.selectors import similar_periods

        data = self.cleaned_data
        found: list[Any] = []
        same = similar_periods(opened)
        if same:
            found.append(
                _("A period of this kind for this year is already open: %(titles)s.")
                % {"titles": "; ".join(f"“{p.title}”" for p in same)}
            )
        if not data.get("units"):
            found.append(
                _("No unit is asked to contribute: nobody will write for this period until you "
                  "ask units from its status board.")
            )  # fmt: skip
        return [str(w) for w in found]

    def ask_confirmation(self, warnings: list[str]) -> None:
        """Show the warnings and the box that confirms them."""
        self.fields["confirmed"].widget = forms.CheckboxInput()
        self.fields["confirmed"].help_text = _("Tick it to open the period all the same.")
        self.add_error("confirmed", warnings)


class OutlineForm(forms.Form):
    sections_text = forms.CharField(
        label=_("Sections"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "mono"}),
        help_text=OUTLINE_HELP,
        initial=DEFAULT_OUTLINE,
    )
    indicators_text = forms.CharField(
        label=_("Indicators"),
        widget=forms.Textarea(attrs={"rows": 8, "class": "mono"}),
        help_text=INDICATORS_HELP,
        required=False,
        initial=DEFAULT_INDICATORS,
    )
    save_as_template = forms.CharField(
        label=_("Also save as a template named"), required=False, max_length=200
    )
    # the version of the outline the form showed (optimistic locking, core.locking)
    base_token = forms.CharField(required=False, widget=forms.HiddenInput)

    # The service checks again; the form names the box at fault, beside it.
    def clean_sections_text(self) -> str:
        text: str = self.cleaned_data["sections_text"]
        parse_outline(text)
        return text

    def clean_indicators_text(self) -> str:
        text: str = self.cleaned_data["indicators_text"]
        parse_indicators(text)
        return text


class RequestForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=unit_picker_attrs()),
        error_messages={"required": _("Choose at least one unit.")},
    )

    def __init__(self, *args: Any, units: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class CommentVersionForm(forms.Form):
    """The version a comment is written on (a hidden field beside the comment's form)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, required=False)
    passage = forms.CharField(
        label=_("Passage"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(label=_("Comment"), widget=RichTextWidget(attrs={"rows": 3}))
    author_name = forms.CharField(
        label=_("From (delegate)"),
        required=False,
        max_length=200,
        help_text=_("Left empty: you."),
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["section"].choices = [("", "—"), *sections]  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        """The editor's paragraphs as lines, list items with their "- " or number (a comment
        is kept as plain text)."""
        return "\n".join(document_lines(self.cleaned_data["text"]))


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(CommentStatus.ACCEPTED, CommentStatus.ACCEPTED.label),
                 (CommentStatus.EXPLAINED, CommentStatus.EXPLAINED.label)],
        widget=forms.RadioSelect,
    )  # fmt: skip
    # rich text (paragraphs and lists), sanitised by the service
    answer = forms.CharField(label=_("Text"), widget=RichTextWidget(attrs={"rows": 3}))


class IssueForm(RegisterOptionsForm):
    issued_on = VnDateField(label=_("Date"))
    signer_authority = forms.CharField(label=_("On behalf of"), initial="T/M BAN THƯỜNG VỤ")
    signer_title = forms.CharField(label=_("Signer's title"))
    signer_name = forms.CharField(label=_("Signer"))
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    empty_headings_confirmed = forms.BooleanField(
        label=_("Leave out the empty headings"), required=False
    )

    def __init__(self, *args: Any, empty_headings: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not empty_headings:
            # Nothing to confirm: the field is absent and the service checks nothing.
            del self.fields["empty_headings_confirmed"]
            return
        self.fields["empty_headings_confirmed"].help_text = _(
            "Nothing is written under these headings; the issued report leaves them out and "
            "renumbers the headings after them: %(list)s."
        ) % {"list": "; ".join(empty_headings)}


# --- The contribution page --------------------------------------------------------------------

ENTRY_PARTS = ("results", "shortcomings", "tasks")
ENTRY_LABELS = {
    "results": _("Results"),
    "shortcomings": _("Shortcomings"),
    "tasks": _("Next-period tasks"),
}
ENTRY_ROWS = {"results": 4, "shortcomings": 2, "tasks": 2}


class IndicatorField(forms.CharField):
    """A figure as typed (kept as typed when refused); checked with the service's own rule."""

    def __init__(self, *, indicator: Any, **kwargs: Any) -> None:
        self.indicator = indicator
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 8}))
        super().__init__(required=False, label=indicator.name, **kwargs)

    def validate(self, value: Any) -> None:
        from dangvu.reports.services import indicator_value

        super().validate(value)
        indicator_value(value, self.indicator)


class ContributionForm(forms.Form):
    """What a unit writes: per topic section its results, shortcomings and next-period tasks
    (fields `s<section>-<part>`), per indicator a figure (`i<indicator>`), and the button used."""

    action = forms.ChoiceField(
        choices=[("save", "save"), ("send", "send"), ("submit", "submit")], required=False
    )
    base_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        sections: Any,
        indicators: Any,
        entries: Any = None,
        values: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "%s")
        entries = entries or {}
        values = values or {}
        initial = dict(kwargs.pop("initial", None) or {})
        self.sections = list(sections)
        self.indicators = list(indicators)
        for section in self.sections:
            entry = entries.get(section.pk)
            for part in ENTRY_PARTS:
                initial[f"s{section.pk}-{part}"] = getattr(entry, part, "") if entry else ""
        for indicator in self.indicators:
            value = values.get(indicator.pk)
            initial[f"i{indicator.pk}"] = "" if value is None else str(value.normalize())
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for section in self.sections:
            for part in ENTRY_PARTS:
                self.fields[f"s{section.pk}-{part}"] = forms.CharField(
                    label=ENTRY_LABELS[part],
                    required=False,
                    strip=False,
                    widget=RichTextWidget(attrs={"rows": ENTRY_ROWS[part]}),
                )
        for indicator in self.indicators:
            self.fields[f"i{indicator.pk}"] = IndicatorField(indicator=indicator)

    def clean_action(self) -> str:
        return self.cleaned_data.get("action") or "save"

    def topic_rows(self) -> list[tuple[Any, list[Any]]]:
        return [
            (section, [self[f"s{section.pk}-{part}"] for part in ENTRY_PARTS])
            for section in self.sections
        ]

    def indicator_rows(self) -> list[tuple[Any, Any]]:
        return [(indicator, self[f"i{indicator.pk}"]) for indicator in self.indicators]

    def entries(self) -> dict[int, dict[str, str]]:
        """What was posted per section; a box that was not sent at all keeps its saved text
        (a button alone, the head's "submit", changes nothing it did not show)."""
        entries = {}
        for section in self.sections:
            names = {part: f"s{section.pk}-{part}" for part in ENTRY_PARTS}
            if not any(name in self.data for name in names.values()):
                continue
            entries[section.pk] = {
                part: self.cleaned_data[name] if name in self.data else self.initial.get(name, "")
                for part, name in names.items()
            }
        return entries

    def values(self) -> dict[int, str]:
        return {
            i.pk: self.cleaned_data[f"i{i.pk}"] for i in self.indicators if f"i{i.pk}" in self.data
        }


class AttachmentForm(forms.Form):
    """A file attached to a contribution, or (`kind=docx`) a Word document to read into it."""

    kind = forms.ChoiceField(
        choices=[("file", "file"), ("docx", "docx")], required=False, widget=forms.HiddenInput
    )
    file = forms.FileField(label=_("File"))

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or "file"


class ImportReviewForm(forms.Form):
    """Apply a Word import (merging the sections ticked) or discard it. Without `choosing` (a
    request that shows no boxes) every section of the document is taken."""

    action = forms.ChoiceField(choices=[("apply", "apply"), ("discard", "discard")], required=False)
    choosing = forms.BooleanField(required=False, widget=forms.HiddenInput)
    sections = forms.TypedMultipleChoiceField(
        label=_("Take these sections from the document"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "import-review-%s")
        kwargs.setdefault("initial", {"choosing": True, "sections": [pk for pk, _t in sections]})
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]

    def clean_action(self) -> str:
        return self.cleaned_data.get("action") or "discard"

    def chosen(self) -> list[int] | None:
        return self.cleaned_data["sections"] if self.cleaned_data.get("choosing") else None


# --- The draft --------------------------------------------------------------------------------


class VersionForm(forms.Form):
    """Which version a page or a comment is about (`?v=`, or `version` in a comment's form)."""

    v = forms.IntegerField(required=False, min_value=1)


class DiffForm(forms.Form):
    a = forms.IntegerField(required=False, min_value=1)
    b = forms.IntegerField(required=False, min_value=1)


class ConsolidateForm(forms.Form):
    base_version = forms.IntegerField(required=False, min_value=0)


class DraftEditForm(forms.Form):
    """The office's edit of the latest version: one text per section, one paragraph per line."""

    base_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note on this version"), required=False, max_length=300)

    def __init__(self, *args: Any, body: list[dict[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.body = body
        for section in body:
            self.fields[f"section-{section['section']}"] = forms.CharField(
                label=f"{section['number']}. {section['title']}",
                required=False,
                strip=False,
                widget=RichTextWidget(attrs={"rows": 6 if section["paragraphs"] else 2}),
            )

    def rows(self) -> list[tuple[dict[str, Any], Any]]:
        return [(s, self[f"section-{s['section']}"]) for s in self.body]

    def texts(self) -> dict[int, str]:
        """One paragraph per line, as the service takes them (from the editor's paragraphs and
        list items, or from plain lines)."""
        return {
            s["section"]: "\n".join(
                paragraphs(sanitise(self.cleaned_data.get(f"section-{s['section']}", "")))
            )
            for s in self.body
        }
