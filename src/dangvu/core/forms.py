"""Form pieces shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


# The input gate -----------------------------------------------------------------------------
# Every form of every app is a Django form, so the gate is put on Django's own fields once, when
# the core app is ready: each app's forms benefit without being edited.


def _text_limit(field: forms.CharField) -> int:
    from django.conf import settings

    if isinstance(field.widget, forms.HiddenInput):
        # carried from step to step (a conclusion's source text between review and create)
        return int(settings.DANGVU_CONCLUSION_MAX_CHARS)
    if isinstance(field.widget, forms.Textarea):
        return int(settings.DANGVU_TEXT_MAX_CHARS)
    return int(settings.DANGVU_LINE_MAX_CHARS)


def install_input_gate() -> None:
    """Text normalised (NFC, no control or invisible characters) and bounded; dates within the
    configured years; whole numbers within what the databases hold. Idempotent."""
    if getattr(forms.CharField, "_dangvu_gate", False):
        return
    from dangvu.core.dates import in_range, range_message
    from dangvu.core.text import clean_text

    char_to_python = forms.CharField.to_python

    def text_to_python(self: forms.CharField, value: Any) -> Any:
        value = char_to_python(self, value)
        if not isinstance(value, str) or isinstance(self.widget, forms.PasswordInput):
            return value
        multiline = isinstance(self.widget, (forms.Textarea, forms.HiddenInput))
        value = clean_text(value, multiline=multiline)
        if self.strip:
            value = value.strip()
        limit = self.max_length if self.max_length is not None else _text_limit(self)
        if len(value) > limit:
            raise ValidationError(
                _("At most %(limit)d characters (this text has %(length)d).")
                % {"limit": limit, "length": len(value)},
                code="max_length",
            )
        return value

    def dated(original: Any) -> Any:
        def to_python(self: forms.Field, value: Any) -> Any:
            result = original(self, value)
            if result is not None and not in_range(result):
                raise ValidationError(range_message(), code="date_range")
            return result

        return to_python

    int_to_python = forms.IntegerField.to_python

    def int_in_range(self: forms.IntegerField, value: Any) -> Any:
        result = int_to_python(self, value)
        if result is not None and not -(2**31) < result < 2**31:
            raise ValidationError(_("This number is too large."), code="max_value")
        return result

    forms.CharField.to_python = text_to_python  # type: ignore[method-assign]
    forms.DateField.to_python = dated(forms.DateField.to_python)  # type: ignore[method-assign]
    forms.DateTimeField.to_python = dated(forms.DateTimeField.to_python)  # type: ignore[method-assign]
    forms.IntegerField.to_python = int_in_range  # type: ignore[method-assign]
    forms.CharField._dangvu_gate = True  # type: ignore[attr-defined]
