"""Forms of the conference pages; the rules live in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.accounts.models import User
from dangvu.core.dates import today
from dangvu.core.widgets import RichTextWidget
from dangvu.documents.forms import RegisterOptionsForm
from dangvu.meetings.enums import Attendance, ConferenceKind, OutcomeKind, SignerAuthority
from dangvu.meetings.models import Invitation
from dangvu.org.forms import unit_picker_attrs
from dangvu.org.models import Organisation, Person
from dangvu.org.selectors import picker_units
from dangvu.reports.models import Period


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class ConferenceForm(forms.Form):
    committee = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Committee"),
        widget=forms.Select(attrs=unit_picker_attrs()),
    )
    kind = forms.ChoiceField(
        choices=ConferenceKind.choices, label=pgettext_lazy("conference", "Kind")
    )
    title = forms.CharField(max_length=400, label=_("Conference title"))
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    place = forms.CharField(max_length=300, required=False, label=_("Place"))
    online_link = forms.URLField(required=False, label=_("Online link"), assume_scheme="https")
    chair = forms.ModelChoiceField(
        queryset=Person.objects.order_by("full_name"), required=False, label=_("Chair")
    )
    chair_title = forms.CharField(max_length=200, required=False, label=_("Chair's title"))
    secretary = forms.CharField(max_length=200, required=False, label=_("Secretary"))

    def __init__(self, *args: Any, committees: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=500, label=_("Agenda item"))
    report_period = forms.ModelChoiceField(
        queryset=Period.objects.none(), required=False, label=_("Report discussed")
    )
    document_reference = forms.CharField(
        max_length=500, required=False, label=_("Other document discussed")
    )

    def __init__(self, *args: Any, committee: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report_period"].queryset = Period.objects.filter(  # type: ignore[attr-defined]
            committee=committee
        ).order_by("-pk")


class DelegatesForm(forms.Form):
    delegates = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("The chair's delegates"),
        help_text=_("They edit the conference's record as the office does."),
    )

    def __init__(self, *args: Any, committee: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # People with a role in the committee or a unit under it.
        self.fields["delegates"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__organisation__path__startswith=committee.path)
            .distinct()
            .order_by("full_name", "username")
        )


class InvitationForm(forms.Form):
    """Invite several organisations and persons at once (Ctrl/Shift-click, or tick them)."""

    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Organisations"),
        widget=forms.SelectMultiple(attrs=unit_picker_attrs(size=8)),
    )
    persons = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Persons"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("People invited by name: attendance is then recorded per person."),
    )
    position_text = forms.CharField(max_length=300, required=False, label=_("Invited as"))

    def __init__(
        self, *args: Any, committee: Organisation, day: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # the units under the committee that exist on the conference's day
        self.fields["organisations"].queryset = picker_units(  # type: ignore[attr-defined]
            day or today(), under=committee
        )
        self.fields["persons"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(positions__organisation__path__startswith=committee.path)
            .distinct()
            .order_by("full_name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("organisations") and not data.get("persons"):
            raise forms.ValidationError(_("Choose the organisations or the persons to invite."))
        return data


class AttendanceForm(forms.Form):
    """One choice per invitation, named `attendance-<id>`, and the reason of an absence,
    `reason-<id>` (for the delegate list and the biên bản)."""

    def __init__(self, *args: Any, invitations: list[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"attendance-{invitation.pk}"] = forms.ChoiceField(
                choices=Attendance.choices,
                initial=invitation.attendance,
                label=str(invitation),
            )
            self.fields[f"reason-{invitation.pk}"] = forms.CharField(
                max_length=300, required=False, initial=invitation.note, label=_("Reason")
            )

    def reasons(self) -> dict[int, str] | None:
        """The reasons typed, or None when the form had no reason field (an older page)."""
        if not any(f"reason-{i.pk}" in self.data for i in self.invitations):
            return None
        return {i.pk: self.cleaned_data.get(f"reason-{i.pk}", "") for i in self.invitations}

    def values(self) -> dict[int, str]:
        return {
            invitation.pk: self.cleaned_data[f"attendance-{invitation.pk}"]
            for invitation in self.invitations
        }


class MinutesForm(forms.Form):
    # rich text (paragraphs and lists, as the biên bản prints them), sanitised by the service
    discussion = forms.CharField(
        widget=RichTextWidget(attrs={"rows": 6}), required=False, label=_("Discussion")
    )
    outcome_kind = forms.ChoiceField(
        choices=[("", "—"), *OutcomeKind.choices], required=False, label=_("Outcome kind")
    )
    outcome = forms.CharField(
        widget=RichTextWidget(attrs={"rows": 4}), required=False, label=_("Outcome")
    )
    # How many versions of the minutes the form showed (optimistic locking, core.locking).
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ConclusionForm(forms.Form):
    """The conclusion editor: the items typed, or a whole conclusion pasted or read from a file
    (read into the items for the office to check before saving)."""

    source_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=settings.DANGVU_CONCLUSION_MAX_CHARS,
        label=_("Paste a conclusion"),
        help_text=_(
            "The whole notice or the chair's conclusion as written; it is read into the items "
            "below for you to check."
        ),
    )
    source_file = forms.FileField(
        required=False,
        label=_("…or read a .docx or .txt file"),
    )
    preamble = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Introduction")
    )
    items = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=settings.DANGVU_CONCLUSION_MAX_CHARS,
        label=_("Items"),
        help_text=_('One item per "1." line; sub-items on lines starting "a)" or "-".'),
    )
    confirm_renumbering = forms.BooleanField(
        required=False, label=_("Save with the numbering shown above")
    )

    def reads_a_source(self) -> bool:
        return bool(self.cleaned_data.get("source_text", "").strip()) or bool(
            self.cleaned_data.get("source_file")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.reads_a_source() and not data.get("items", "").strip() and not self.errors:
            self.add_error(
                "items",
                _("Type the numbered items, paste a conclusion above or choose its file."),
            )
        return data


class NoticeForm(RegisterOptionsForm):
    signer_authority = forms.ChoiceField(choices=SignerAuthority.choices, label=_("Signed for"))
    signer_title = forms.CharField(max_length=200, label=_("Signer's title"))
    signer_name = forms.CharField(max_length=200, label=_("Signer"))
    issued_on = forms.DateField(
        label=_("Date of the notice"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    recipients = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=_("Recipients"),
        help_text=_("One per line."),
    )
