"""Forms of the report pages; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VnDateField
from dangvu.documents.forms import RegisterOptionsForm
from dangvu.org.models import Organisation
from dangvu.reports.enums import CommentStatus, CutOff, PeriodKind
from dangvu.reports.models import OutlineTemplate
from dangvu.reports.outline import DEFAULT_INDICATORS, DEFAULT_OUTLINE

OUTLINE_HELP = _(
    "One section per line, indented by two spaces per level. Start a line with * for a topic "
    "the units report on, ! for the section gathering their shortcomings, > for the one "
    "gathering their next-period tasks."
)
INDICATORS_HELP = _('One per line: "name | unit of measure", add "| decimal" for fractions.')


class PeriodForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
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
        label=_("Title"),
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
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, committees: Any, units: Any, templates: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


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


class RequestForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, units: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class CommentForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, required=False)
    passage = forms.CharField(
        label=_("Passage"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    author_name = forms.CharField(
        label=_("From (delegate)"),
        required=False,
        max_length=200,
        help_text=_("Left empty: you."),
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["section"].choices = [("", "—"), *sections]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(CommentStatus.ACCEPTED, CommentStatus.ACCEPTED.label),
                 (CommentStatus.EXPLAINED, CommentStatus.EXPLAINED.label)],
        widget=forms.RadioSelect,
    )  # fmt: skip
    answer = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


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
            "Nothing is written under these headings; the issued report leaves them out: %(list)s."
        ) % {"list": "; ".join(empty_headings)}
