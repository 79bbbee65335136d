"""Evaluation pages: thin views over the services and selectors. Pages ask the policy only what
to show; the services decide and refuse."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import background, policy, uploads
from dangvu.core.forms import add_service_errors
from dangvu.core.http import confirm_checked_job, render_form_page
from dangvu.evaluation import charts, exports, imports, selectors, services
from dangvu.evaluation.decision import decision_document, decision_docx
from dangvu.evaluation.enums import Stage
from dangvu.evaluation.forms import (
    AppraisalForm,
    DecisionForm,
    FillReportForm,
    ImportForm,
    IssueForm,
    QuotaGroupForm,
    ReopenForm,
    RoundForm,
    SelfAssessmentForm,
    conditions_of,
)
from dangvu.evaluation.models import Evaluation, Round
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_manageable_by

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_SESSION_KEY = "evaluation_member_import"


def _round_url(round_: Round) -> str:
    return reverse("evaluation:round", args=[round_.pk])


def _evaluation_url(evaluation: Evaluation) -> str:
    return reverse("evaluation:evaluation", args=[evaluation.pk])


# --- rounds -------------------------------------------------------------------------------------


@login_required
def round_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/round_list.html",
        {
            "rounds": selectors.rounds_visible_to(request.user)[:100],
            "can_create": organisations_manageable_by(request.user).exists(),
        },
    )


@login_required
def round_create_view(request: HttpRequest) -> HttpResponse:
    organisations = organisations_manageable_by(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Only the committee's office opens an evaluation round."))
    form = RoundForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(**form.cleaned_data, by=policy.actor_of(request))
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect(_round_url(round_))
    return render_form_page(request, form, _("New evaluation round"), reverse("evaluation:rounds"))


@login_required
def round_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.get_round_for_user(request.user, pk)
    can_results = policy.allowed(request.user, "round.results", round_)
    context: dict[str, Any] = {
        "round": round_,
        "progress": selectors.progress(round_),
        "evaluations": selectors.evaluations_visible_to(request.user, round_)[:300],
        "can_results": can_results,
        "can_manage": policy.allowed(request.user, "round.manage", round_),
        "issue_form": IssueForm(),
    }
    periods = selectors.report_periods(request.user, round_)
    if periods.exists():
        context["fill_form"] = FillReportForm(periods=periods)
    if can_results:
        under = round_.committee
        if request.GET.get("under"):
            found = Organisation.objects.filter(
                pk=request.GET["under"], path__startswith=round_.committee.path
            ).first()
            under = found or under
        figures = selectors.rollup(round_, under)
        context |= {
            "figures": figures,
            "quota": selectors.quota_status(round_),
            "chart_members": charts.results_svg(figures, members=True, title=_("Members")),
            "chart_orgs": charts.results_svg(figures, members=False, title=_("Organisations")),
            "legend": charts.legend(),
        }
    return render(request, "evaluation/round_detail.html", context)


@login_required
@require_POST
def round_add_subjects_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.get_round_for_user(request.user, pk)
    try:
        added = services.round_add_subjects(round=round_, by=policy.actor_of(request))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("%(n)s subjects added.") % {"n": added})
    return redirect(_round_url(round_))


@login_required
@require_POST
def round_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.get_round_for_user(request.user, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.round_issue(round=round_, **form.cleaned_data, by=policy.actor_of(request))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The decision has been issued."))
    else:
        messages.error(request, _("Give the signer and the date."))
    return redirect(_round_url(round_))


def _results_round(request: HttpRequest, pk: int) -> Round:
    round_ = selectors.get_round_for_user(request.user, pk)
    if not policy.allowed(request.user, "round.results", round_):
        raise PermissionDenied(_("Only the committee's office and leaders read the results."))
    return round_


@login_required
def round_results_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _results_round(request, pk)
    response = HttpResponse(exports.results_workbook(selectors.rollup(round_)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{round_.pk}.xlsx"'
    return response


def _decision_bytes(round_: Round) -> bytes:
    """The issued decision as kept; before issuing, a draft from today's figures."""
    if round_.decision_docx:
        return bytes(round_.decision_docx)
    figures = selectors.rollup(round_)
    document = decision_document(
        round_, number=None, on=None, signer_title="", signer_name="", figures=figures
    )
    return decision_docx(document)


@login_required
def round_decision_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _results_round(request, pk)
    response = HttpResponse(_decision_bytes(round_), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{round_.pk}.docx"'
    return response


@login_required
def round_decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The same document as PDF: LibreOffice converts it in the worker (documents.background)."""
    from dangvu.documents.background import convert_later

    round_ = _results_round(request, pk)
    return convert_later(
        request,
        docx=_decision_bytes(round_),
        pdf_name=f"quyet-dinh-{round_.pk}.pdf",
        back_url=_round_url(round_),
    )


@login_required
@require_POST
def round_fill_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the round's counts into a period report of the same committee (its indicators of the
    same names), so that the report's figures come from the round, not from typing."""
    round_ = selectors.get_round_for_user(request.user, pk)
    form = FillReportForm(request.POST, periods=selectors.report_periods(request.user, round_))
    if not form.is_valid():
        messages.error(request, _("Choose the report to fill."))
        return redirect(_round_url(round_))
    period = form.cleaned_data["period"]
    try:
        figures = services.round_fill_report(
            round=round_, period=period, by=policy.actor_of(request)
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("%(n)s indicators of “%(report)s” filled from the round.")
            % {"n": len(figures), "report": period.title},
        )
    return redirect(_round_url(round_))


# --- one subject: the three steps ----------------------------------------------------------------


def _step_forms(request: HttpRequest, evaluation: Evaluation, bound: str | None) -> dict[str, Any]:
    lines = selectors.score_lines(evaluation)
    data = request.POST if bound else None
    user = request.user
    forms: dict[str, Any] = {}
    if evaluation.stage in (Stage.PENDING, Stage.SELF_ASSESSED) and policy.allowed(
        user, "evaluation.self_assess", evaluation
    ):
        forms["self_form"] = SelfAssessmentForm(
            data if bound == "self" else None, evaluation=evaluation, lines=lines, prefix="self"
        )
    if evaluation.stage in (Stage.SELF_ASSESSED, Stage.APPRAISED) and policy.allowed(
        user, "evaluation.appraise", evaluation
    ):
        forms["appraisal_form"] = AppraisalForm(
            data if bound == "appraise" else None,
            evaluation=evaluation,
            lines=lines,
            prefix="appraise",
        )
    if evaluation.stage != Stage.DECIDED and policy.allowed(user, "evaluation.decide", evaluation):
        forms["decision_form"] = DecisionForm(data if bound == "decide" else None, prefix="decide")
    if (
        evaluation.member_id
        and evaluation.stage != Stage.DECIDED
        and not evaluation.round.is_issued
        and policy.allowed(user, "round.manage", evaluation.round)
    ):
        forms["group_form"] = QuotaGroupForm(
            data if bound == "group" else None,
            prefix="group",
            initial={"group": evaluation.quota_group},
        )
    if evaluation.stage == Stage.DECIDED and policy.allowed(user, "evaluation.reopen", evaluation):
        forms["reopen_form"] = ReopenForm(data if bound == "reopen" else None, prefix="reopen")
    return {"lines": lines, **forms}


def _scores(form: Any, lines: list[Any]) -> dict[int, services.ScoreInput]:
    data = form.cleaned_data
    return {
        line.criterion.pk: services.ScoreInput(
            score=data.get(f"score_{line.criterion.pk}", ""),
            note=data.get(f"note_{line.criterion.pk}", ""),
            evidence=data.get(f"evidence_{line.criterion.pk}", ""),
        )
        for line in lines
    }


def _run_step(request: HttpRequest, evaluation: Evaluation, step: str, ctx: dict[str, Any]) -> bool:
    """Run the step's service from its bound form; errors go on the form (keeping the input)."""
    key = {
        "self": "self_form",
        "appraise": "appraisal_form",
        "decide": "decision_form",
        "reopen": "reopen_form",
        "group": "group_form",
    }[step]
    form = ctx.get(key)
    if form is None:
        raise PermissionDenied(_("You cannot take this step on this evaluation now."))
    if not form.is_valid():
        return False
    data = form.cleaned_data
    actor = policy.actor_of(request)
    try:
        if step == "self":
            services.self_assess(
                evaluation=evaluation, scores=_scores(form, ctx["lines"]), signer=data["signer"],
                on=data["on"], note=data["note"], conditions=conditions_of(data), by=actor,
            )  # fmt: skip
        elif step == "appraise":
            scores = {
                line.criterion.pk: data.get(f"score_{line.criterion.pk}", "")
                for line in ctx["lines"]
            }
            services.appraise(
                evaluation=evaluation, scores=scores, signer=data["signer"], on=data["on"],
                proposed_grade=data["proposed_grade"], note=data["note"],
                conditions=conditions_of(data), by=policy.actor_of(request),
            )  # fmt: skip
        elif step == "decide":
            services.decide(
                evaluation=evaluation, signer=data["signer"], on=data["on"], grade=data["grade"],
                note=data["note"], quota_exception=data["quota_exception"], by=actor,
            )  # fmt: skip
        elif step == "group":
            services.quota_group_set(evaluation=evaluation, group=data["group"], by=actor)
        else:
            services.reopen(
                evaluation=evaluation, reason=data["reason"], by=policy.actor_of(request)
            )
    except ValidationError as error:
        add_service_errors(form, error)  # "scores" and the like go at the top of the form
        return False
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for_user(request.user, pk)
    step = request.POST.get("step") if request.method == "POST" else None
    if step not in (None, "self", "appraise", "decide", "reopen", "group"):
        raise Http404
    ctx = _step_forms(request, evaluation, step)
    if step is not None:
        if _run_step(request, evaluation, step, ctx):
            messages.success(request, _("Saved."))
            return redirect(_evaluation_url(evaluation))
        status = 422
    else:
        status = 200
    if "decision_form" in ctx and evaluation.member_id:
        ctx["quota_line"] = next(
            (line for line in selectors.quota_status(evaluation.round) if line.covers(evaluation)),
            None,
        )
    ctx |= {
        "evaluation": evaluation,
        "round": evaluation.round,
        "tasks": selectors.task_results(evaluation),
        "claimed_results": sum(
            (line.self_score or 0 for line in ctx["lines"] if line.criterion.part == "results"), 0
        ),
    }
    return render(request, "evaluation/evaluation_detail.html", ctx, status=status)


# --- the register -------------------------------------------------------------------------------


@login_required
def member_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "evaluation/member_list.html",
        {
            "rows": selectors.member_rows(request.user, query=query),
            "query": query,
            "can_import": organisations_manageable_by(request.user).exists(),
        },
    )


@login_required
def member_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.get_member_for_user(request.user, pk)
    evaluations = [
        e
        for e in member.evaluations.select_related("round", "organisation").order_by(
            "-round__ends_on"
        )
        if policy.allowed(request.user, "evaluation.read", e)
    ]
    return render(
        request,
        "evaluation/member_detail.html",
        {"member": member, "placements": member.placements.all(), "evaluations": evaluations},
    )


@login_required
def member_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → preview naming each row and its errors → confirm (all rows or none). A large
    workbook is checked, then written, by the worker (`evaluation.background`)."""
    from dangvu.evaluation.background import APPLY, CHECK

    form = ImportForm()
    rows: list[imports.RowCheck] = []
    if request.method == "POST" and request.POST.get("job"):
        return confirm_checked_job(
            request, check_kind=CHECK, apply_kind=APPLY, back="evaluation:member_import"
        )
    if request.method == "POST" and request.POST.get("confirm"):
        checked = imports.from_payload(request.session.get(IMPORT_SESSION_KEY) or [])
        try:
            n = imports.apply(checked, policy.actor_of(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            request.session.pop(IMPORT_SESSION_KEY, None)
            messages.success(request, _("%(n)s members imported.") % {"n": n})
            return redirect("evaluation:members")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            name, data = uploads.read_upload(form.cleaned_data["file"])
            try:
                if background.deferred(data):  # a large workbook: the worker checks it
                    job = background.enqueue(
                        kind=CHECK, owner=request.user, file_name=name, data=data
                    )
                    return redirect("core:job", pk=job.pk)
                rows = imports.check(imports.read_rows(data, name), policy.actor_of(request))
            except (ValidationError, background.TooManyJobsError) as error:
                form.add_error("file", error if isinstance(error, ValidationError) else str(error))
            else:
                if not any(r.errors for r in rows):
                    request.session[IMPORT_SESSION_KEY] = imports.to_payload(rows)
    return render(
        request,
        "evaluation/member_import.html",
        {
            "form": form,
            "rows": rows,
            "columns": imports.COLUMNS,
            "ok": bool(rows) and not any(r.errors for r in rows),
        },
    )
