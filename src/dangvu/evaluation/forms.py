"""Forms of the evaluation pages: they read input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.dates import today
from dangvu.core.forms import VnDateField
from dangvu.evaluation import grading
from dangvu.evaluation.enums import Grade, RoundKind
from dangvu.evaluation.models import Evaluation
from dangvu.evaluation.selectors import ScoreLine
from dangvu.org.forms import unit_picker_attrs
from dangvu.org.models import Organisation
from dangvu.reports.models import Period


class RoundForm(forms.Form):
    committee = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Committee"),
        widget=forms.Select(attrs=unit_picker_attrs()),
    )
    advising_body = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Advising body"),
        required=False,
        widget=forms.Select(attrs=unit_picker_attrs()),
    )
    kind = forms.ChoiceField(choices=RoundKind.choices, label=_("Kind"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Quarter"), required=False, min_value=1, max_value=4)
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=300)
    starts_on = VnDateField(label=_("Covers from"))
    ends_on = VnDateField(label=_("Covers to"))
    quota_percent = forms.IntegerField(
        label=_("Quota of excellent members (%)"), min_value=0, max_value=100, initial=20
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["advising_body"].queryset = organisations  # type: ignore[attr-defined]


class _StepForm(forms.Form):
    signer = forms.CharField(label=_("Signed by (full name)"), max_length=150)
    on = VnDateField(label=_("Date"), initial=today)


def _conditions_fields(form: forms.Form, evaluation: Evaluation) -> None:
    form.fields["tasks_all_on_time"] = forms.BooleanField(
        label=_("Every task done on time"), required=False, initial=evaluation.tasks_all_on_time
    )
    form.fields["tasks_exceeding"] = forms.BooleanField(
        label=_("A share of tasks beyond expectations"),
        required=False,
        initial=evaluation.tasks_exceeding,
    )
    form.fields["disciplined"] = forms.BooleanField(
        label=_("Disciplined in the period (for a collective: one of its members)"),
        required=False,
        initial=evaluation.disciplined,
    )
    form.fields["shortcomings_remedied"] = forms.BooleanField(
        label=_("Earlier shortcomings remedied"),
        required=False,
        initial=evaluation.shortcomings_remedied,
    )


def conditions_of(data: dict[str, Any]) -> grading.Conditions:
    return grading.Conditions(
        tasks_all_on_time=bool(data.get("tasks_all_on_time")),
        tasks_exceeding=bool(data.get("tasks_exceeding")),
        disciplined=bool(data.get("disciplined")),
        shortcomings_remedied=bool(data.get("shortcomings_remedied")),
    )


class SelfAssessmentForm(_StepForm):
    """A score, a note and evidence per criterion. Scores are read as text: the service checks
    them against each criterion's maximum and names the criterion in its message."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, evaluation: Evaluation, lines: list[ScoreLine], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            c = line.criterion
            self.fields[f"score_{c.pk}"] = forms.CharField(
                label=f"{c.number}. {c.text} (≤ {c.max_score:g})",
                initial=line.self_score if line.self_score is not None else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )
            self.fields[f"note_{c.pk}"] = forms.CharField(
                label=_("Note"), required=False, initial=line.note, max_length=500
            )
            self.fields[f"evidence_{c.pk}"] = forms.CharField(
                label=_("Evidence"), required=False, initial=line.evidence, max_length=500
            )
        _conditions_fields(self, evaluation)


class AppraisalForm(_StepForm):
    proposed_grade = forms.ChoiceField(
        label=_("Proposed grade"),
        choices=[("", _("As the points and conditions allow")), *Grade.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, evaluation: Evaluation, lines: list[ScoreLine], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for line in lines:
            c = line.criterion
            self.fields[f"score_{c.pk}"] = forms.CharField(
                label=f"{c.number}. {c.text} (≤ {c.max_score:g})",
                required=False,
                initial=line.appraised_score
                if line.appraised_score is not None
                else line.self_score,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )
        _conditions_fields(self, evaluation)


class DecisionForm(_StepForm):
    grade = forms.ChoiceField(
        label=_("Grade"), choices=[("", _("As proposed")), *Grade.choices], required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    quota_exception = forms.CharField(
        label=_("Reason for an exception to the quota"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QuotaGroupForm(forms.Form):
    group = forms.CharField(
        label=_("Group with comparable tasks (empty: the grassroots organisation)"),
        max_length=150,
        required=False,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(forms.Form):
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, initial="Bí thư")
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)
    on = VnDateField(label=_("Issued on"), initial=today)


class FillReportForm(forms.Form):
    period = forms.ModelChoiceField(queryset=Period.objects.none(), label=_("Report"))

    def __init__(self, *args: Any, periods: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
