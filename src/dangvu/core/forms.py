"""Form pieces shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    """A native date picker; the browser sends ISO dates and shows them in the user's locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VnDateField(forms.DateField):
    widget = DateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has it,
    otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
