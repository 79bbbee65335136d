"""The committee selects (new period, new conference, evaluation round) are searchable unit
pickers like the unit fields: the search box appears once the list is long (unitpicker.js)."""

import pytest
from django import forms

from dangvu.evaluation.forms import RoundForm
from dangvu.meetings.forms import ConferenceForm
from dangvu.org.forms import UNIT_SEARCH
from dangvu.reports.forms import PeriodForm


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (PeriodForm, "committee"),
        (ConferenceForm, "committee"),
        (RoundForm, "committee"),
        (RoundForm, "advising_body"),
    ],
)
def test_committee_select_is_a_searchable_picker(form: type[forms.Form], field: str) -> None:
    widget = form.base_fields[field].widget
    assert widget.attrs.get("data-unit-picker") == UNIT_SEARCH
    html = widget.render(field, None)
    assert "data-unit-picker=" in html
