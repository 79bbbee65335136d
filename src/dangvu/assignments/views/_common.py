"""Page size, unit levels and the filter and visibility helpers shared by the task pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from dangvu.assignments import permissions, selectors
from dangvu.assignments.forms import (
    TaskFilterForm,
)
from dangvu.assignments.models import Task
from dangvu.core import policy
from dangvu.core.http import as_of

PAGE_SIZE = 25
# The unit select offers units down to this many levels below the user's memberships.
UNIT_LEVELS = 2


FILTER_NAMES = (
    "six_clear",
    "unit",
    "lead",
    "lead_under",
    "committee",
    "status",
    "source",
    "deadline_from",
    "deadline_to",
)


def _show_to_managers(request: HttpRequest, task: Task | None = None) -> None:
    """A page that is only a form for the office (new task, import, edit): shown only to those
    the policy allows (403 otherwise). The services decide again when the form is sent."""
    user = request.user
    shown = (
        permissions.can_manage_tasks(user)
        if task is None
        else policy.allowed(user, "task.manage", task)
    )
    if not shown:
        raise PermissionDenied(_("Only the committee's office staff may change its tasks."))


def _filters(request: HttpRequest, form: TaskFilterForm) -> tuple[selectors.TaskFilters, str]:
    """The filters asked for in the query string, and the error of a bad "as of" date."""
    on, on_error = as_of(request)
    data = form.cleaned_data if form.is_valid() else {}
    values = {name: data[name] for name in FILTER_NAMES if data.get(name)}
    return selectors.TaskFilters(on=on, **values), on_error or ""
