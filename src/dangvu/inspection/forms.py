"""Forms of the inspection pages. They check the shape of what is typed; the rules (dates in
order, the step's source state, who may act) are the services', whose errors the views put back
on the form so nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
from dangvu.inspection.models import Inspection, InspectionSubject, PlannedItem, Programme
from dangvu.inspection.services import RecommendationData, committee_of
from dangvu.org.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor

FILES_HELP = _("PDF, Word (.docx), Excel (.xlsx), JPG or PNG; at most 10 MB each.")


def issuers_for(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    """Bodies the user may decide for: under an office, head or administrator membership."""
    return Organisation.objects.filter(Scope.of(user).q(None, permissions.MANAGE_ROLES)).order_by(
        "path"
    )


def subjects_for(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
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


class TermItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = f"{obj.planned_month}/{obj.planned_year}" if obj.planned_month else obj.planned_year
        who = obj.subject_member or obj.subject_organisation.name
        return f"{when} · {obj.get_kind_display()}: {who}"


class ProgrammeForm(forms.Form):
    issuer = OrganisationChoiceField(
        label=_("Issued by"),
        queryset=Organisation.objects.none(),
        help_text=_("The committee, or its inspection commission."),
    )
    kind = forms.ChoiceField(label=_("Kind of programme"), choices=ProgrammeKind.choices)
    title = forms.CharField(label=_("Name of the programme"), max_length=300)
    reference = forms.CharField(label=_("Document number"), max_length=100, required=False)
    year_from = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)

    def __init__(self, *args: Any, user: Actor | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers_for(user)  # type: ignore[attr-defined]


class PlannedItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of inspection"), choices=InspectionKind.choices)
    subject_organisation = OrganisationChoiceField(
        label=_("Subject organisation"), queryset=Organisation.objects.none()
    )
    subject_member = forms.CharField(
        label=_("Subject Party member"),
        max_length=150,
        required=False,
        help_text=_("Empty when the subject is the organisation itself."),
    )
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    period_text = forms.CharField(label=_("Period inspected"), max_length=150, required=False)
    planned_year = forms.IntegerField(label=_("Year planned"), min_value=1990, max_value=2100)
    planned_month = forms.IntegerField(
        label=_("Month planned"), min_value=1, max_value=12, required=False
    )
    lead = forms.CharField(label=_("Who leads"), max_length=200, required=False)

    carries_out = TermItemChoiceField(
        label=_("Carries out the term programme's item"),
        queryset=PlannedItem.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("For a yearly plan: the item of the term programme it carries out."),
    )

    def __init__(
        self,
        *args: Any,
        user: Actor | AnonymousUser,
        programme: Programme | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject_organisation"].queryset = subjects_for(user)  # type: ignore[attr-defined]
        if programme is None or programme.kind != ProgrammeKind.YEAR:
            del self.fields["carries_out"]
            return
        # Items of the same body's term programmes covering the plan's year.
        self.fields["carries_out"].queryset = (  # type: ignore[attr-defined]
            PlannedItem.objects.filter(
                programme__kind=ProgrammeKind.TERM,
                programme__issuer=programme.issuer,
                programme__year_from__lte=programme.year_from,
                programme__year_to__gte=programme.year_from,
            )
            .select_related("subject_organisation")
            .order_by("planned_year", "planned_month", "position")
        )


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("Excel workbook (.xlsx)"))


class DecisionForm(forms.Form):
    issuer = OrganisationChoiceField(label=_("Decided by"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind of inspection"), choices=InspectionKind.choices)
    planned_item = forms.ModelChoiceField(
        label=_("Planned as"), queryset=PlannedItem.objects.none(), required=False
    )
    title = forms.CharField(label=_("Name of the inspection"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    period_text = forms.CharField(label=_("Period inspected"), max_length=150, required=False)
    subject_organisations = OrganisationMultipleChoiceField(
        label=_("Organisations inspected"), queryset=Organisation.objects.none(), required=False
    )
    subject_members = forms.CharField(
        label=_("Party members inspected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line; they belong to the organisation chosen below."),
    )
    member_organisation = OrganisationChoiceField(
        label=_("The members' organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    decided_on = VnDateField(label=_("Decided on"))
    leader = forms.CharField(label=_("Team leader"), max_length=150)
    members = forms.CharField(
        label=_("Team members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    starts_on = VnDateField(label=_("Work starts on"))
    ends_on = VnDateField(label=_("Work ends on"))
    subject_report_due = VnDateField(label=_("Subject's report due"))
    team_report_due = VnDateField(label=_("Team's report due"))
    conclusion_due = VnDateField(label=_("Conclusion due"))

    def __init__(self, *args: Any, user: Actor | AnonymousUser, **kwargs: Any) -> None:
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
    on = VnDateField(label=_("Received on"))
    note = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = MultipleFileField(label=_("Documents"), required=False, help_text=FILES_HELP)


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
    on = VnDateField(label=_("Concluded on"))
    text = forms.CharField(
        label=pgettext_lazy("inspection", "Conclusion"), widget=forms.Textarea(attrs={"rows": 6})
    )
    violations = forms.ModelMultipleChoiceField(
        label=_("Subjects found in violation"),
        queryset=InspectionSubject.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recommendations = RecommendationsField(
        label=_("Recommendations"),
        required=False,
        help_text=_(
            "One per line: text | lead unit code | deadline (dd/mm/yyyy) | deliverable | "
            "accepting authority code."
        ),
    )
    signer_authority = forms.CharField(
        label=_("Signs on behalf of"), max_length=60, initial="T/M ỦY BAN KIỂM TRA"
    )
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = MultipleFileField(label=_("Documents"), required=False, help_text=FILES_HELP)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["violations"].queryset = inspection.subjects.select_related(  # type: ignore[attr-defined]
            "organisation"
        )


class AttachForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=Step.choices)
    documents = MultipleFileField(label=_("Documents"), help_text=FILES_HELP)

    def __init__(self, *args: Any, steps: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Step.choices if value in steps
        ]


class InspectionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of inspection"), choices=[("", "—"), *InspectionKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"), choices=[("", "—"), *InspectionState.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class DisciplineRecordForm(forms.Form):
    deciding_body = OrganisationChoiceField(
        label=_("Deciding level"), queryset=Organisation.objects.none()
    )
    subject_kind = forms.ChoiceField(label=_("Subject"), choices=SubjectKind.choices)
    subject_organisation = OrganisationChoiceField(
        label=_("Organisation concerned"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation disciplined, or the Party member's organisation."),
    )
    member_name = forms.CharField(label=_("Party member"), max_length=150, required=False)
    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplineForm.choices)
    violation = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    decision_reference = forms.CharField(label=_("Decision number"), max_length=100)
    decided_on = VnDateField(label=_("Decided on"))
    effective_on = VnDateField(label=_("Effective from"))
    inspection = forms.ModelChoiceField(
        label=_("From the inspection"), queryset=Inspection.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Actor | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dangvu.inspection.selectors import inspection_choices_for_discipline

        self.fields["deciding_body"].queryset = issuers_for(user)  # type: ignore[attr-defined]
        self.fields["subject_organisation"].queryset = subjects_for(user)  # type: ignore[attr-defined]
        self.fields["inspection"].queryset = inspection_choices_for_discipline(user)  # type: ignore[attr-defined]


class ComplaintForm(forms.Form):
    lodged_on = VnDateField(label=_("Lodged on"))
    content = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 3}))


class ComplaintDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in ComplaintOutcome.choices if c[0] != ComplaintOutcome.PENDING],
    )
    decided_on = VnDateField(label=_("Decided on"))
    note = forms.CharField(
        label=_("Outcome details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportPeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.committee.display_name}"


class StatisticsForm(forms.Form):
    """The period of the counts: a report period of a committee the user reads (its dates), or
    dates typed."""

    report_period = ReportPeriodChoiceField(
        label=_("Report period"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("Counts over the period's dates, as its report carries them."),
    )
    start = VnDateField(label=_("From"), required=False)
    end = VnDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, user: Actor | AnonymousUser, **kwargs: Any) -> None:
        from dangvu.reports.selectors import periods_visible_to

        super().__init__(*args, **kwargs)
        field = self.fields["report_period"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = periods_visible_to(user).order_by("-ends_on", "committee__path", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if data.get("report_period") is None and start and end and end < start:
            self.add_error("end", _("The end of the period cannot come before its start."))
        return data

    def period(self, default_year: int) -> tuple[dt.date, dt.date]:
        """The report period's dates when one is chosen, else the dates asked for; the whole of
        `default_year` where they are missing or wrong."""
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("report_period")
        if chosen is not None:
            return chosen.starts_on, chosen.ends_on
        start = data.get("start") or dt.date(default_year, 1, 1)
        end = data.get("end") or dt.date(default_year, 12, 31)
        if end < start:
            end = dt.date(start.year, 12, 31)
        return start, end
