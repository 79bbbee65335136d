"""Organisation choice fields: the tree as an indented select, written without a template per
option, and still validated against the queryset."""

from django import forms

from dangvu.org.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from dangvu.org.models import Organisation

EM_SPACE = "\u2003"


class PickForm(forms.Form):
    unit = OrganisationChoiceField(queryset=Organisation.objects.none(), required=False)
    units = OrganisationMultipleChoiceField(queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, choices, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = choices  # type: ignore[attr-defined]
        self.fields["units"].queryset = choices  # type: ignore[attr-defined]


def test_the_select_lists_the_tree_indented_with_the_choice_selected(
    demo: dict[str, Organisation],
) -> None:
    below = Organisation.objects.filter(path__startswith=demo["lb-qu"].path).order_by("path")
    form = PickForm({"unit": demo["lb-btg"].pk}, choices=below)
    html = str(form["unit"])
    # searchable (static/dangvu/js/unitpicker.js), the search box labelled in the user's language
    assert html.startswith(
        '<select name="unit" data-unit-picker="Tìm đơn vị theo tên (gõ không dấu cũng được)" '
        'id="id_unit">'
    )
    assert html.count("<option") == below.count() + 1  # the empty choice first
    assert '<option value="">---------</option>' in html
    btg = demo["lb-btg"]
    indent = EM_SPACE * btg.depth
    assert f'<option value="{btg.pk}" selected>{indent}{btg.name}</option>' in html
    assert html.count(" selected") == 1


def test_the_multiple_select_keeps_every_choice_and_escapes_names(
    demo: dict[str, Organisation],
) -> None:
    odd = Organisation.objects.filter(pk=demo["lb-mttq"].pk)
    odd.update(name='Ủy ban "Mặt trận" <Tổ quốc> & đoàn thể')
    choices = Organisation.objects.filter(pk__in=[demo["lb-mttq"].pk, demo["lb-btg"].pk])
    form = PickForm({"units": [demo["lb-mttq"].pk, demo["lb-btg"].pk]}, choices=choices)
    html = str(form["units"])
    assert "multiple" in html
    assert html.count(" selected") == 2
    assert "Ủy ban &quot;Mặt trận&quot; &lt;Tổ quốc&gt; &amp; đoàn thể" in html
    assert form.is_valid(), form.errors
    assert {o.pk for o in form.cleaned_data["units"]} == {demo["lb-mttq"].pk, demo["lb-btg"].pk}


def test_a_unit_outside_the_choices_is_refused(demo: dict[str, Organisation]) -> None:
    only = Organisation.objects.filter(pk=demo["lb-btg"].pk)
    form = PickForm({"unit": demo["lb-mttq"].pk}, choices=only)
    assert not form.is_valid()
    assert "unit" in form.errors
