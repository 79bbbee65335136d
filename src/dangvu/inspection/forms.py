"""Forms of the inspection pages. They check the shape of what is typed; the rules (dates in
order, the step's source state, who may act) are the services', whose errors the views put back
on the form so nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from dangvu.assignments.forms import MultipleFileField
from dangvu.core.dates import parse_date
from dangvu.core.forms import VnDateField
from dangvu.inspection import permissions
from dangvu.inspection.enums import (
    ComplaintOutcome,
    DisciplineForm,
    InspectionKind,
    InspectionState,
    ProgrammeKind,
    Step,
    SubjectKind,
)
from dangvu.inspection.models import Inspection, InspectionSubject, PlannedItem
from dangvu.inspection.services import RecommendationData, committee_of
from dangvu.org.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

FILES_HELP = _l("PDF, Word (.docx), Excel (.xlsx), JPG or PNG; at most 10 MB each.")


def issuers_for(user: Any) -> QuerySet[Organisation]:
    """Bodies the user may decide for: under an office, head or administrator membership."""
    return Organisation.objects.filter(Scope.of(user).q(None, permissions.MANAGE_ROLES)).order_by(
        "path"
    )


def subjects_for(user: Any) -> QuerySet[Organisation]:
    """Organisations that can be inspected: everything under the committees the user decides
    for (a commission's staff inspect the whole committee's tree)."""
    scope = Scope.of(user)
    if scope.is_superuser:
        return Organisation.objects.order_by("path")
    paths = set()
    for organisation in Organisation.objects.filter(scope.q(None, permissions.MANAGE_ROLES))[:50]:
        paths.add(committee_of(organisation).path)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return Organisation.objects.filter(condition).order_by("path")


class ProgrammeForm(forms.Form):
    issuer = OrganisationChoiceField(
        label=_l("Issued by"),
        queryset=Organisation.objects.none(),
        help_text=_l("The committee, or its inspection commission."),
    )
    kind = forms.ChoiceField(label=_l("Kind"), choices=ProgrammeKind.choices)
    title = forms.CharField(label=_l("Title"), max_length=300)
    reference = forms.CharField(label=_l("Document number"), max_length=100, required=False)
    year_from = forms.IntegerField(label=_l("From year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_l("To year"), min_value=1990, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers_for(user)  # type: ignore[attr-defined]


class PlannedItemForm(forms.Form):
    kind = forms.ChoiceField(label=_l("Kind"), choices=InspectionKind.choices)
    subject_organisation = OrganisationChoiceField(
        label=_l("Subject organisation"), queryset=Organisation.objects.none()
    )
    subject_member = forms.CharField(
        label=_l("Subject Party member"),
        max_length=150,
        required=False,
        help_text=_l("Empty when the subject is the organisation itself."),
    )
    content = forms.CharField(label=_l("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    period_text = forms.CharField(label=_l("Period inspected"), max_length=150, required=False)
    planned_year = forms.IntegerField(label=_l("Year planned"), min_value=1990, max_value=2100)
    planned_month = forms.IntegerField(
        label=_l("Month planned"), min_value=1, max_value=12, required=False
    )
    lead = forms.CharField(label=_l("Who leads"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject_organisation"].queryset = subjects_for(user)  # type: ignore[attr-defined]


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_l("Excel workbook (.xlsx)"))


class DecisionForm(forms.Form):
    issuer = OrganisationChoiceField(label=_l("Decided by"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_l("Kind"), choices=InspectionKind.choices)
    planned_item = forms.ModelChoiceField(
        label=_l("Planned as"), queryset=PlannedItem.objects.none(), required=False
    )
    title = forms.CharField(label=_l("Title"), max_length=300)
    content = forms.CharField(label=_l("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    period_text = forms.CharField(label=_l("Period inspected"), max_length=150, required=False)
    subject_organisations = OrganisationMultipleChoiceField(
        label=_l("Organisations inspected"), queryset=Organisation.objects.none(), required=False
    )
    subject_members = forms.CharField(
        label=_l("Party members inspected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_l("One name per line; they belong to the organisation chosen below."),
    )
    member_organisation = OrganisationChoiceField(
        label=_l("The members' organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    decided_on = VnDateField(label=_l("Decided on"))
    leader = forms.CharField(label=_l("Team leader"), max_length=150)
    members = forms.CharField(
        label=_l("Team members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("One per line."),
    )
    starts_on = VnDateField(label=_l("Work starts on"))
    ends_on = VnDateField(label=_l("Work ends on"))
    subject_report_due = VnDateField(label=_l("Subject's report due"))
    team_report_due = VnDateField(label=_l("Team's report due"))
    conclusion_due = VnDateField(label=_l("Conclusion due"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subjects = subjects_for(user)
        self.fields["issuer"].queryset = issuers_for(user)  # type: ignore[attr-defined]
        self.fields["subject_organisations"].queryset = subjects  # type: ignore[attr-defined]
        self.fields["member_organisation"].queryset = subjects  # type: ignore[attr-defined]
        from dangvu.inspection.selectors import planned_items_for

        self.fields["planned_item"].queryset = planned_items_for(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = [n.strip() for n in (data.get("subject_members") or "").splitlines() if n.strip()]
        if names and not data.get("member_organisation"):
            self.add_error(
                "member_organisation", _("Choose the organisation the members belong to.")
            )
        data["member_names"] = names
        return data


class StepForm(forms.Form):
    on = VnDateField(label=_l("Received on"))
    note = forms.CharField(
        label=_l("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = MultipleFileField(label=_l("Documents"), required=False, help_text=FILES_HELP)


class RecommendationsField(forms.CharField):
    """One recommendation per line: text | lead unit code | deadline | deliverable |
    authority code."""

    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value: Any) -> list[RecommendationData]:
        text = super().clean(value) or ""
        lines = [line for line in text.splitlines() if line.strip()]
        parsed: list[tuple[int, list[str]]] = []
        errors: list[str] = []
        for n, line in enumerate(lines, start=1):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 5:
                errors.append(_("Line %(n)d: write five parts separated by “|”.") % {"n": n})
                continue
            parsed.append((n, parts))
        codes = {p[1] for _n, p in parsed} | {p[4] for _n, p in parsed}
        units = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        out = []
        for n, (text_part, lead, deadline, deliverable, authority) in parsed:
            day = parse_date(deadline)
            if lead not in units:
                errors.append(
                    _("Line %(n)d: no unit with the code “%(code)s”.") % {"n": n, "code": lead}
                )
            if authority not in units:
                errors.append(
                    _("Line %(n)d: no unit with the code “%(code)s”.") % {"n": n, "code": authority}
                )
            if day is None:
                errors.append(
                    _("Line %(n)d: “%(value)s” is not a date.") % {"n": n, "value": deadline}
                )
            if lead in units and authority in units and day is not None:
                out.append(
                    RecommendationData(
                        text=text_part,
                        lead_unit=units[lead],
                        deadline=day,
                        deliverable=deliverable,
                        authority=units[authority],
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return out


class ConclusionForm(forms.Form):
    on = VnDateField(label=_l("Concluded on"))
    text = forms.CharField(label=_l("Conclusion"), widget=forms.Textarea(attrs={"rows": 6}))
    violations = forms.ModelMultipleChoiceField(
        label=_l("Subjects found in violation"),
        queryset=InspectionSubject.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recommendations = RecommendationsField(
        label=_l("Recommendations"),
        required=False,
        help_text=_l(
            "One per line: text | lead unit code | deadline (dd/mm/yyyy) | deliverable | "
            "accepting authority code."
        ),
    )
    signer_authority = forms.CharField(
        label=_l("Signs on behalf of"), max_length=60, initial="T/M ỦY BAN KIỂM TRA"
    )
    signer_title = forms.CharField(label=_l("Signer's title"), max_length=150)
    signer_name = forms.CharField(label=_l("Signer's name"), max_length=150)
    recipients = forms.CharField(
        label=_l("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = MultipleFileField(label=_l("Documents"), required=False, help_text=FILES_HELP)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["violations"].queryset = inspection.subjects.select_related(  # type: ignore[attr-defined]
            "organisation"
        )


class AttachForm(forms.Form):
    step = forms.ChoiceField(label=_l("Step"), choices=Step.choices)
    documents = MultipleFileField(label=_l("Documents"), help_text=FILES_HELP)

    def __init__(self, *args: Any, steps: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Step.choices if value in steps
        ]


class InspectionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_l("Kind"), choices=[("", "—"), *InspectionKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_l("State"), choices=[("", "—"), *InspectionState.choices], required=False
    )
    year = forms.IntegerField(label=_l("Year"), required=False, min_value=1990, max_value=2100)


class DisciplineRecordForm(forms.Form):
    deciding_body = OrganisationChoiceField(
        label=_l("Deciding level"), queryset=Organisation.objects.none()
    )
    subject_kind = forms.ChoiceField(label=_l("Subject"), choices=SubjectKind.choices)
    subject_organisation = OrganisationChoiceField(
        label=_l("Organisation concerned"),
        queryset=Organisation.objects.none(),
        help_text=_l("The organisation disciplined, or the Party member's organisation."),
    )
    member_name = forms.CharField(label=_l("Party member"), max_length=150, required=False)
    form = forms.ChoiceField(label=_l("Form of discipline"), choices=DisciplineForm.choices)
    violation = forms.CharField(label=_l("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    decision_reference = forms.CharField(label=_l("Decision number"), max_length=100)
    decided_on = VnDateField(label=_l("Decided on"))
    effective_on = VnDateField(label=_l("Effective from"))
    inspection = forms.ModelChoiceField(
        label=_l("From the inspection"), queryset=Inspection.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dangvu.inspection.selectors import inspection_choices_for_discipline

        self.fields["deciding_body"].queryset = issuers_for(user)  # type: ignore[attr-defined]
        self.fields["subject_organisation"].queryset = subjects_for(user)  # type: ignore[attr-defined]
        self.fields["inspection"].queryset = inspection_choices_for_discipline(user)  # type: ignore[attr-defined]


class ComplaintForm(forms.Form):
    lodged_on = VnDateField(label=_l("Lodged on"))
    content = forms.CharField(label=_l("Complaint"), widget=forms.Textarea(attrs={"rows": 3}))


class ComplaintDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_l("Outcome"),
        choices=[c for c in ComplaintOutcome.choices if c[0] != ComplaintOutcome.PENDING],
    )
    decided_on = VnDateField(label=_l("Decided on"))
    note = forms.CharField(
        label=_l("Outcome details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatisticsForm(forms.Form):
    start = VnDateField(label=_l("From"), required=False)
    end = VnDateField(label=_l("To"), required=False)

    def period(self, default_year: int) -> tuple[dt.date, dt.date]:
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or dt.date(default_year, 1, 1)
        end = data.get("end") or dt.date(default_year, 12, 31)
        if end < start:
            start, end = end, start
        return start, end
