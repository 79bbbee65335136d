from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.assignments.enums import Priority, SixClearFilter, SourceKind
from dangvu.core.forms import VnDateField
from dangvu.org.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from dangvu.org.models import Organisation

UNIT_FIELDS = ("lead_unit", "coordinating_units", "authority")


class TaskForm(forms.Form):
    """Create or edit a task. `committees` is None when editing (the committee stays)."""

    committee = OrganisationChoiceField(label=_("Committee"), queryset=Organisation.objects.none())
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    source_kind = forms.ChoiceField(
        label=_("Source"), choices=SourceKind.choices, initial=SourceKind.MANUAL
    )
    source_reference = forms.CharField(label=_("Source reference"), max_length=300, required=False)
    original_text = forms.CharField(
        label=_("Wording in the source"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    issued_on = VnDateField(
        label=_("Given on"), help_text=_("The meeting or document date; units must exist then.")
    )
    lead_unit = OrganisationChoiceField(
        label=_("Lead unit"), queryset=Organisation.objects.none(), required=False
    )
    lead_text = forms.CharField(label=_("Lead as written"), max_length=300, required=False)
    coordinating_units = OrganisationMultipleChoiceField(
        label=_("Coordinating units"), queryset=Organisation.objects.none(), required=False
    )
    deadline = VnDateField(label=_("Deadline"), required=False)
    deadline_text = forms.CharField(label=_("Deadline as written"), max_length=200, required=False)
    deliverable = forms.CharField(label=_("Product"), max_length=300, required=False)
    authority = OrganisationChoiceField(
        label=_("Accepting authority"), queryset=Organisation.objects.none(), required=False
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )

    def __init__(self, *args: Any, committees: Any | None, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if committees is None:
            del self.fields["committee"]
        else:
            self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        for name in UNIT_FIELDS:
            self.fields[name].queryset = units  # type: ignore[attr-defined]


class PublishForm(forms.Form):
    waiver_reason = forms.CharField(
        label=_("Reason for publishing with gaps"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed only when the 6-rõ check finds gaps."),
    )


class TaskFilterForm(forms.Form):
    six_clear = forms.ChoiceField(
        label=_("6-rõ"),
        choices=[("", _("All")), *SixClearFilter.choices],
        required=False,
    )
    unit = OrganisationChoiceField(
        label=_("Unit"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ConclusionSourceForm(forms.Form):
    committee = OrganisationChoiceField(label=_("Committee"), queryset=Organisation.objects.none())
    text = forms.CharField(
        label=_("Text of the conclusion"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        strip=False,
        help_text=_("Paste the text, or upload a file below."),
    )
    file = forms.FileField(label=_("File (.txt or .docx)"), required=False)

    def __init__(self, *args: Any, committees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the text of a conclusion or upload a file."))
        return data


class ConclusionReviewForm(forms.Form):
    """What applies to every task of the conclusion; the source text travels along, hidden."""

    committee = OrganisationChoiceField(
        label=_("Committee"), queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    source_text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_reference = forms.CharField(label=_("Source reference"), max_length=250)
    issued_on = VnDateField(
        label=_("Given on"), help_text=_("The meeting or document date; units must exist then.")
    )

    def __init__(self, *args: Any, committees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class ConclusionTaskForm(forms.Form):
    """One extracted task, as the office corrects it."""

    include = forms.BooleanField(label=_("Include"), required=False, initial=True)
    content = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    original_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    item = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    lead_unit = OrganisationChoiceField(
        label=_("Lead unit"), queryset=Organisation.objects.none(), required=False
    )
    lead_text = forms.CharField(label=_("Lead as written"), max_length=300, required=False)
    coordinating_units = OrganisationMultipleChoiceField(
        label=_("Coordinating units"), queryset=Organisation.objects.none(), required=False
    )
    deadline = VnDateField(label=_("Deadline"), required=False)
    deadline_text = forms.CharField(label=_("Deadline as written"), max_length=200, required=False)
    deliverable = forms.CharField(label=_("Product"), max_length=300, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead_unit", "coordinating_units"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include") and not (data.get("content") or "").strip():
            self.add_error("content", forms.Field.default_error_messages["required"])
        return data


class BaseConclusionTaskFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("include") for form in self.forms):
            raise forms.ValidationError(_("Choose at least one task to create."))


ConclusionTaskFormSet = forms.formset_factory(
    ConclusionTaskForm, formset=BaseConclusionTaskFormSet, extra=0
)
