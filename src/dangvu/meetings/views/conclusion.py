"""The conclusion: the editor (typed, pasted or a .docx, read by the extractor; a warning
before anything is renumbered) and the one road to tasks, the review screen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import HiddenInput
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.assignments import conclusion_import
from dangvu.assignments.forms import ConclusionReviewForm, ConclusionTaskFormSet
from dangvu.core.forms import add_service_errors
from dangvu.core.policy import actor_of
from dangvu.extraction import ExtractionError
from dangvu.meetings import conclusion_text, services
from dangvu.meetings.forms import (
    ConclusionForm,
)
from dangvu.meetings.models import ConclusionItem
from dangvu.meetings.selectors import (
    conclusion_items,
    conclusion_of,
    get_conference_for_user,
)
from dangvu.org.models import Organisation

from ._common import _conclusion_or_404, _detail_url, _edit_page


@login_required
def conclusion_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion editor. Typed items are saved as typed; what saving would renumber is
    shown first and saved only once confirmed. A pasted or uploaded conclusion is read (the
    extractor) into the introduction and items and shown for checking, never saved at once.
    "Save and make the tasks" goes on to the review screen, the one road to tasks."""
    conference = _edit_page(request, pk)
    conclusion = conclusion_of(conference)
    initial = {}
    if conclusion is not None:
        initial = {
            "preamble": conclusion.preamble,
            "items": services.items_as_text(conclusion_items(conclusion)),
        }
    form = ConclusionForm(request.POST or None, request.FILES or None, initial=initial)
    notes: list[str] = []
    renumber: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.reads_a_source():
            upload = form.cleaned_data.get("source_file")
            try:
                text = form.cleaned_data["source_text"]
                if upload is not None:
                    text = conclusion_import.read_upload(upload.name, upload.read())
                read = conclusion_text.read_conclusion(text)
            except ExtractionError as error:
                field = "source_file" if upload is not None else "source_text"
                form.add_error(field, str(error))
            else:
                # Shown for checking in the editor; nothing is saved yet.
                data = request.POST.copy()
                data["source_text"] = ""
                data["items"] = read.text
                if read.preamble and not data.get("preamble", "").strip():
                    data["preamble"] = read.preamble
                form = ConclusionForm(data)
                notes = read.notes
                status = 200
        elif form.is_valid():
            renumber = conclusion_text.renumbering(form.cleaned_data["items"])
            if renumber and not form.cleaned_data["confirm_renumbering"]:
                form.add_error(
                    "items",
                    _("Saving would renumber the items (see above): correct them or confirm."),
                )
            else:
                try:
                    services.conclusion_write(
                        conference=conference,
                        preamble=form.cleaned_data["preamble"],
                        items=services.parse_items(form.cleaned_data["items"]),
                        by=actor_of(request),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The conclusion has been saved."))
                    if "to_tasks" in request.POST:
                        return redirect(reverse("meetings:conclusion_tasks", args=[pk]))
                    return redirect(_detail_url(conference))
    return render(
        request,
        "meetings/conclusion_form.html",
        {
            "conference": conference,
            "form": form,
            "notes": notes,
            "renumber": renumber,
            "cancel_url": _detail_url(conference),
        },
        status=status,
    )


@login_required
@require_POST
def item_task_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    conference = get_conference_for_user(request.user, pk)
    conclusion = _conclusion_or_404(conference)
    item = get_object_or_404(ConclusionItem, pk=item_pk, conclusion=conclusion)
    try:
        task = services.item_to_task(item=item, by=actor_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_detail_url(conference))
    messages.success(
        request,
        _("Task created from item %(label)s; complete it before publishing.")
        % {"label": item.label},
    )
    return redirect(reverse("assignments:detail", args=[task.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_tasks_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The items of the conclusion into tasks through the same reading and review screen as a
    pasted conclusion: each row prefilled (lead, coordinating units, deadline, product, matched to
    the units of the conference's day), the accepting authority set once (the committee by
    default); "Create tasks" makes them all or none, each traced to its item."""
    conference = _edit_page(request, pk)
    conclusion = _conclusion_or_404(conference)
    day = services.conference_day(conference)
    committee = conference.committee
    committees = Organisation.objects.filter(pk=committee.pk)
    units = conclusion_import.units_for(committee, day)
    review = conclusion_import.review_items(
        preamble=conclusion.preamble,
        items=services.conclusion_items_for_review(conclusion),
        committee=committee,
        day=day,
    )
    status = 200
    if request.method == "POST":
        review_form = ConclusionReviewForm(request.POST, committees=committees, units=units)
        formset = ConclusionTaskFormSet(request.POST, form_kwargs={"units": units})
        if review_form.is_valid() and formset.is_valid():
            rows = [
                form.cleaned_data | {"number": number}
                for number, form in enumerate(formset.forms, start=1)
                if form.cleaned_data.get("include")
            ]
            try:
                tasks = services.conclusion_tasks_create(
                    conclusion=conclusion,
                    rows=rows,
                    authority=review_form.cleaned_data.get("authority"),
                    by=actor_of(request),
                )
            except ValidationError as error:
                review_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Created %(count)d task(s) from the conclusion.") % {"count": len(tasks)},
                )
                return redirect(_detail_url(conference))
        status = 400
    else:
        review_form = ConclusionReviewForm(
            committees=committees,
            units=units,
            initial={
                "committee": committee,
                "source_text": review.text,
                "source_reference": services.conclusion_reference(conclusion),
                "issued_on": day,
                "authority": committee,
            },
        )
        formset = ConclusionTaskFormSet(initial=review.rows, form_kwargs={"units": units})
    # The day and the reference are the conference's: shown, not edited.
    review_form.fields["issued_on"].widget = HiddenInput()
    review_form.fields["source_reference"].widget = HiddenInput()
    context = {
        "review_form": review_form,
        "formset": formset,
        "rows": list(zip(formset.forms, review.rows, strict=False)),
        "review": review,
        "day": day,
        "conference": conference,
        "action_url": reverse("meetings:conclusion_tasks", args=[conference.pk]),
    }
    return render(request, "assignments/conclusion_review.html", context, status=status)
