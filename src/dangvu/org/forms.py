from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VnDateField
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.models import Organisation


def indented_name(organisation: Organisation) -> str:
    """The name indented by its depth, so that a flat list of choices reads as the tree."""
    return "\u2003" * organisation.depth + organisation.name


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return indented_name(obj)


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return indented_name(obj)


class OrganisationCreateForm(forms.Form):
    parent = OrganisationChoiceField(
        label=_("Parent organisation"), queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(label=_("Full name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=OrgKind.choices)
    issuer_code = forms.CharField(
        label=_("Issuer code"),
        max_length=16,
        required=False,
        help_text=_('Used in document numbers, e.g. "QU" in "Số 125-BC/QU".'),
    )
    valid_from = VnDateField(label=_("Valid from"))

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class OrganisationUpdateForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=OrgKind.choices)
    issuer_code = forms.CharField(label=_("Issuer code"), max_length=16, required=False)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)


class OrganisationCloseForm(forms.Form):
    on = VnDateField(
        label=_("Last day"),
        help_text=_("Everything under it that is still open then is closed on the same day."),
    )


class SuccessionForm(forms.Form):
    successor = OrganisationChoiceField(label=_("Successor"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("What it takes over"), choices=SuccessionKind.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, successors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors  # type: ignore[attr-defined]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Sheets “Tổ chức” and “Nhân sự”; download the template below."),
    )
