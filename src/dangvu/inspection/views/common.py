from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest

from dangvu.core.forms import add_service_errors


def report_errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    """A refused action on a page without its own form: the messages at the top."""
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error))
        return
    for message in error.messages:
        messages.error(request, message)


def uploads(files: Any) -> list[tuple[str, bytes]]:
    from dangvu.assignments.evidence import read_upload

    return [read_upload(f) for f in files]


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's errors on the form; the file checks' "files" key on the documents field."""
    if hasattr(error, "error_dict") and "files" in error.error_dict:
        error.error_dict["documents"] = error.error_dict.pop("files")
    add_service_errors(form, error)
