from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dangvu.assignments.enums import (
    WITHIN_DEADLINE,
    Priority,
    SixClearFilter,
    SourceKind,
    StatisticsGrouping,
    Status,
)
from dangvu.core.forms import VnDateField
from dangvu.core.periods import PeriodKind, covered_dates, period_title
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
    """Filters of the task list and the dashboard; `lead` and `committee` come from the
    dashboard's drill-down links."""

    six_clear = forms.ChoiceField(
        label=_("6-rõ"),
        choices=[("", _("All")), *SixClearFilter.choices],
        required=False,
    )
    unit = OrganisationChoiceField(
        label=_("Unit"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All")),
            *Status.choices,
            (WITHIN_DEADLINE, _("Not done, within the deadline (due soon included)")),
        ],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", _("All")), *SourceKind.choices], required=False
    )
    deadline_from = VnDateField(label=_("Deadline from"), required=False)
    deadline_to = VnDateField(label=_("Deadline to"), required=False)
    lead = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.HiddenInput
    )
    lead_under = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.HiddenInput
    )
    committee = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, units: Any, listed_units: Any = None, **kwargs: Any) -> None:
        """`units`: every unit the user may filter by (checked on input); `listed_units`: those
        the select offers (default all)."""
        super().__init__(*args, **kwargs)
        for name in ("unit", "lead", "lead_under", "committee"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
        if listed_units is not None:
            self.fields["unit"].queryset = listed_units  # type: ignore[attr-defined]


# The periods official reports count, as (kind, number) for `core.periods.covered_dates`.
STATISTICS_PERIODS = [
    (PeriodKind.YEAR, None),
    (PeriodKind.NINE_MONTHS, None),
    (PeriodKind.HALF_YEAR, 1),
    (PeriodKind.HALF_YEAR, 2),
    (PeriodKind.QUARTER, 1),
    (PeriodKind.QUARTER, 2),
    (PeriodKind.QUARTER, 3),
    (PeriodKind.QUARTER, 4),
]


def statistics_period_choices(years: Iterable[int]) -> list[tuple[str, Any]]:
    """The periods of each of `years`, grouped by year: "Năm 2020", "Quý IV năm 2020"…"""
    groups: list[tuple[str, Any]] = []
    for period_year in years:
        choices = []
        for kind, number in STATISTICS_PERIODS:
            title = period_title(kind=kind, year=period_year, number=number)
            choices.append((f"{kind}-{period_year}-{number or 0}", title[:1].upper() + title[1:]))
        groups.append((str(period_year), choices))
    return groups


def statistics_period_dates(value: str) -> tuple[dt.date, dt.date]:
    kind, year, number = value.split("-")
    return covered_dates(kind=kind, year=int(year), number=int(number) or None)


class StatisticsFilterForm(TaskFilterForm):
    period = forms.ChoiceField(
        label=_("Period (deadlines in it)"),
        choices=[],
        required=False,
        help_text=_("Dates given below take precedence."),
    )
    group = forms.ChoiceField(
        label=_("Count by"),
        choices=StatisticsGrouping.choices,
        required=False,
        initial=StatisticsGrouping.UNIT,
    )

    def __init__(self, *args: Any, units: Any, years: Iterable[int], **kwargs: Any) -> None:
        """`years`: those whose periods are offered (see `selectors.deadline_years`)."""
        super().__init__(*args, units=units, **kwargs)
        del self.fields["six_clear"]
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            ("", _("All periods")),
            *statistics_period_choices(years),
        ]
        self.order_fields(
            ["unit", "status", "source", "period", "deadline_from", "deadline_to", "group"]
        )

    def clean(self) -> dict[str, Any]:
        """A period fills the deadlines the user did not give."""
        data = super().clean() or {}
        if data.get("period"):
            first, last = statistics_period_dates(data["period"])
            data["deadline_from"] = data.get("deadline_from") or first
            data["deadline_to"] = data.get("deadline_to") or last
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ProgressReportForm(forms.Form):
    unit = OrganisationChoiceField(label=_("Reporting unit"), queryset=Organisation.objects.none())
    reported_on = VnDateField(label=_("Date"))
    done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(
        label=_("Difficulties"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    evidence_files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPG or PNG; at most 10 MB each."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ProposeForm(forms.Form):
    on = VnDateField(label=_("Date"))
    note = forms.CharField(
        label=_("Result and product"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AcceptForm(forms.Form):
    on = VnDateField(label=_("Date of acceptance"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReturnForm(forms.Form):
    on = VnDateField(label=_("Date"))
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DeadlineChangeForm(forms.Form):
    new_deadline = VnDateField(label=_("New deadline"))
    deadline_text = forms.CharField(label=_("Deadline as written"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    approved_by = forms.CharField(label=_("Approved by"), max_length=200)
    on = VnDateField(label=_("Date of the change"))


class SuspendForm(forms.Form):
    on = VnDateField(label=_("Suspended from"))
    reason = forms.CharField(
        label=_("Reason for suspension"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.username})" if obj.full_name else obj.username


class FollowersForm(forms.Form):
    followers = FollowerChoiceField(
        label=_("Followers"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see the task once it is published and receive its reminders."),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["followers"].queryset = users  # type: ignore[attr-defined]


class SubtaskForm(forms.Form):
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = OrganisationChoiceField(label=_("Unit"), queryset=Organisation.objects.none())
    deadline = VnDateField(label=_("Deadline"), required=False)
    deliverable = forms.CharField(label=_("Product"), max_length=300, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    on = VnDateField(label=_("Given on"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]


class ConclusionSourceForm(forms.Form):
    committee = OrganisationChoiceField(label=_("Committee"), queryset=Organisation.objects.none())
    text = forms.CharField(
        label=_("Text of the conclusion"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=settings.DANGVU_CONCLUSION_MAX_CHARS,  # a conclusion's length, not a book's
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
    authority = OrganisationChoiceField(
        label=_("Accepting authority"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Who accepts the results of every task created here (one of the 6 rõ)."),
    )

    def __init__(self, *args: Any, committees: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        # The accepting authority is chosen among the committee's units of the day (the
        # committee itself included); before the committee is known, among the committees.
        self.fields["authority"].queryset = (  # type: ignore[attr-defined]
            units if units is not None else committees
        )


class ConclusionTaskForm(forms.Form):
    """One extracted task, as the office corrects it."""

    include = forms.BooleanField(label=_("Include"), required=False, initial=True)
    content = forms.CharField(
        label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    original_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    item = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    # The conference conclusion item the task is made from (empty for a pasted text).
    conclusion_item = forms.IntegerField(widget=forms.HiddenInput, required=False)
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


class BulkUploadForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
