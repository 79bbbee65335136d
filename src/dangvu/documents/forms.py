from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VnDateField
from dangvu.documents.enums import TYPE_CODES, Confidentiality, Urgency


class RecordForm(forms.Form):
    """A document entered in the register by the văn thư."""

    type_code = forms.ChoiceField(
        label=_("Type of document"),
        choices=[(code, f"{code} – {name}") for code, name in TYPE_CODES.items()],
    )
    issued_on = VnDateField(label=_("Date"))
    label = forms.CharField(label=_("Summary (trích yếu)"), max_length=300)
    number = forms.IntegerField(
        label=_("Number from the paper register"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take the next number of this type."),
    )
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"), choices=Confidentiality.choices, required=False
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, required=False)


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Signed, stamped scan (PDF, JPG or PNG)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scan"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"


class RegisterOptionsForm(forms.Form):
    """The register's part of an issuing form (the notice, the report): the number typed from
    the paper register, if any, and the độ mật / độ khẩn marks. Its fields come last."""

    number = forms.IntegerField(
        label=_("Number from the paper register"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take the next number of this type."),
    )
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"), choices=Confidentiality.choices, required=False
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("number", "confidentiality", "urgency"):
            self.fields[name] = self.fields.pop(name)
