from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from dangvu.core import dates
from dangvu.core.forms import VnDateField
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.models import Organisation


class OrganisationChoiceIterator(ModelChoiceIterator):
    """The choices from (id, name, depth) rows, without an Organisation per option; each name
    indented by its depth, so that a flat list of choices reads as the tree."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, depth in self.queryset.values_list("pk", "name", "depth"):
            yield (pk, "\u2003" * depth + name)


class FastSelect(forms.Select):
    """A select written in one pass. Django's renders a template per option (about 0.1 ms
    each): 150 ms for the 1,500 units a city office chooses from. Flat choices only."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for key, label in self.choices:
            key = str(key)
            mark = " selected" if key in selected else ""
            options.append(f'<option value="{escape(key)}"{mark}>{escape(str(label))}</option>')
        body = mark_safe("".join(options))  # noqa: S308 - every value and label is escaped
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), body)


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """`FastSelect`'s rendering with `SelectMultiple`'s reading of the submitted values."""


# A picker offers the units that exist on the day that matters (`selectors.picker_units`): say
# so when a unit chosen for another day is no longer offered.
NOT_OFFERED = _(
    "This unit is not offered: it does not exist on the day that matters (see the dates), or "
    "it is outside your organisations."
)


def explain_empty_picker(
    form: forms.Form, names: Iterable[str], *, day: dt.date, roots: Iterable[Organisation]
) -> None:
    """When none of `roots` (the organisations the user works for) existed on `day`, a picker of
    their units offers nothing: say why on the fields `names`, with the days they existed, so
    that the office of a committee that has ended (a district committee after 1/7/2025) is not
    left before an empty list. No query: `roots` are already loaded."""
    roots = list(roots)
    if not roots or any(_exists_on(root, day) for root in roots):
        return
    spans = "; ".join(
        _("%(name)s (%(start)s–%(end)s)")
        % {
            "name": root.name,
            "start": dates.short_date(root.valid_from),
            "end": dates.short_date(root.valid_to) if root.valid_to else "",
        }
        for root in roots
    )
    message = _(
        "No unit of yours exists on %(day)s: %(spans)s. To give work to the units of that "
        "time, type a day within it above; for today's units, ask the administrator for a role "
        "in the organisation that took over."
    ) % {"day": dates.short_date(day), "spans": spans}
    for name in names:
        if name in form.fields:
            form.fields[name].help_text = message


def _exists_on(organisation: Organisation, day: dt.date) -> bool:
    return organisation.valid_from <= day and (
        organisation.valid_to is None or day <= organisation.valid_to
    )


# Unit pickers are searchable (`static/dangvu/js/unitpicker.js`, loaded by base.html): a select
# or checkboxes marked with this attribute get a search box, labelled with its value, that
# ignores case and diacritics. Without the script the plain list works as before.
UNIT_SEARCH = _("Find a unit by name (diacritics optional)")


def unit_picker_attrs(**attrs: Any) -> dict[str, Any]:
    """A widget's attributes making it a searchable unit picker, for unit fields declared
    without `OrganisationChoiceField` (checkboxes, a plain multiple select)."""
    return {"data-unit-picker": UNIT_SEARCH, **attrs}


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = OrganisationChoiceIterator
    widget = FastSelect
    default_error_messages = {"invalid_choice": NOT_OFFERED}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("data-unit-picker", UNIT_SEARCH)


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = OrganisationChoiceIterator
    widget = FastSelectMultiple
    default_error_messages = {"invalid_choice": NOT_OFFERED}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("data-unit-picker", UNIT_SEARCH)


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
    valid_to = VnDateField(
        label=_("Valid to"),
        required=False,
        help_text=_("Leave empty while it exists; under an organisation that has ended, required."),
    )
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0

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
    wording = forms.CharField(
        label=_("Wording of the resolution"),
        max_length=500,
        required=False,
        help_text=_("e.g. “một phần diện tích”, “phần còn lại sau khi sắp xếp”"),
    )
    clause = forms.CharField(label=_("Clause"), max_length=64, required=False)

    def __init__(self, *args: Any, successors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors  # type: ignore[attr-defined]


class SuccessionEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("What it takes over"), choices=SuccessionKind.choices)
    wording = forms.CharField(label=_("Wording of the resolution"), max_length=500, required=False)
    clause = forms.CharField(label=_("Clause"), max_length=64, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_(
            "Sheets “Quyết định”, “Tổ chức”, “Cập nhật”, “Kế thừa”, “Nhân sự” and “Vai trò”, "
            "each optional; download the template below. A user name in “Nhân sự” creates the "
            "account if it is new (without a password: its owner sets one through a one-time "
            "link shown after the import) and a role there is granted for the row's dates."
        ),
    )


class MembershipGrantForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    valid_from = VnDateField(label=_("From"), required=False)

    def clean_username(self) -> Any:
        from dangvu.accounts.models import User

        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user


class MembershipEndForm(forms.Form):
    on = VnDateField(label=_("Last day"))
