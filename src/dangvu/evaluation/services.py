"""Writes of the evaluation app. Each service asks the policy inside its transaction before it
writes, checks the source stage, validates with Vietnamese messages, and leaves an audit entry.

The three steps, in order, each dated and signed by a named person:
1. `self_assess`: a score per criterion (0 … its maximum), a note and evidence;
2. `appraise`: the advising body's scores (the self-assessed ones unless changed), its proposal;
3. `decide`: the competent level's grade: lower organisations before higher ones, a collective
   before its members, a head never above their unit; the quota checked for members;
`reopen` undoes a decision, only by the level that decided and not after the round's decision
was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number
from dangvu.evaluation import grading, permissions, regulations, summaries
from dangvu.evaluation.decision import decision_document, decision_docx
from dangvu.evaluation.enums import (
    INDIVIDUAL_KINDS,
    Grade,
    RoundKind,
    Stage,
    SubjectKind,
)
from dangvu.evaluation.models import (
    CriteriaSet,
    Criterion,
    Evaluation,
    MemberPlacement,
    PartyMember,
    Round,
    Score,
)
from dangvu.evaluation.selectors import report_figures, rollup
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.models import Organisation, Succession
from dangvu.org.selectors import organisations_on
from dangvu.reports import services as report_services

MEMBER_FIELDS = [
    "code",
    "full_name",
    "birth_year",
    "joined_on",
    "status",
    "subject_kind",
    "heads_cell",
    "exempt",
    "exempt_reason",
    "user",
]
ROUND_FIELDS = [
    "committee",
    "advising_body",
    "kind",
    "year",
    "number",
    "title",
    "starts_on",
    "ends_on",
    "quota_percent",
]
STEP_FIELDS = {
    "self": ["stage", "self_total", "self_grade", "self_note", "self_signer", "self_on"],
    "appraisal": [
        "stage",
        "appraised_total",
        "proposed_grade",
        "appraisal_note",
        "appraisal_signer",
        "appraised_on",
        "tasks_all_on_time",
        "tasks_exceeding",
        "disciplined",
        "shortcomings_remedied",
    ],
    "decision": [
        "stage",
        "grade",
        "decision_note",
        "quota_exception",
        "decision_signer",
        "decided_on",
        "decided_level",
    ],
}


# --- the register of members -------------------------------------------------------------------


def placement_on(member: PartyMember, day: dt.date) -> MemberPlacement | None:
    return (
        member.placements.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("organisation")
        .first()
    )


def _check_cell(organisation: Organisation, day: dt.date) -> None:
    if organisation.kind != OrgKind.PARTY:
        raise ValidationError(
            {"organisation": _("Members are placed in Party organisations (cells).")}
        )
    if not organisations_on(day).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s does not exist on %(day)s.")
                % {"name": organisation.name, "day": short_date(day)}
            }
        )


@transaction.atomic
def member_create(
    *,
    code: str,
    full_name: str,
    birth_year: int,
    joined_on: dt.date,
    organisation: Organisation,
    by: Actor,
    placed_on: dt.date | None = None,
    status: str = "official",
    subject_kind: str = SubjectKind.MEMBER,
    heads_cell: bool = False,
    exempt: bool = False,
    exempt_reason: str = "",
    user: Any = None,
) -> PartyMember:
    """Register a member in `organisation` (a Party cell or grassroots organisation) from
    `placed_on` (default: the day they joined)."""
    policy.require(
        by,
        "member.manage",
        organisation,
        message=_("Only the office of the organisation or above keeps its register."),
    )
    member = PartyMember(
        code=code.strip(),
        full_name=full_name.strip(),
        birth_year=birth_year,
        joined_on=joined_on,
        status=status,
        subject_kind=subject_kind,
        heads_cell=heads_cell,
        exempt=exempt,
        exempt_reason=exempt_reason.strip(),
        user=user,
    )
    errors: dict[str, list[str]] = {}
    if exempt and not member.exempt_reason:
        errors["exempt_reason"] = [_("Give the reason for the exemption from activities.")]
    if joined_on.year < birth_year + 16:
        errors["joined_on"] = [_("A member joins the Party at 18 at the earliest.")]
    if errors:
        raise ValidationError(errors)
    member.full_clean()
    day = placed_on or joined_on
    _check_cell(organisation, day)
    member.save()
    MemberPlacement.objects.create(member=member, organisation=organisation, valid_from=day)
    audit.record(
        actor=by,
        action="member.create",
        obj=member,
        after={**audit.snapshot(member, MEMBER_FIELDS), "organisation": organisation.pk},
    )
    return member


@transaction.atomic
def member_exemption_set(
    *, member: PartyMember, exempt: bool, reason: str, by: Actor
) -> PartyMember:
    """Exempt a member from activities (with a reason) or end the exemption."""
    placement = member.placements.filter(valid_to__isnull=True).select_related("organisation")
    current = placement.first()
    policy.require(by, "member.manage", current.organisation if current else None)
    if exempt and not reason.strip():
        raise ValidationError(
            {"exempt_reason": _("Give the reason for the exemption from activities.")}
        )
    before = audit.snapshot(member, MEMBER_FIELDS)
    member.exempt = exempt
    member.exempt_reason = reason.strip() if exempt else ""
    member.full_clean()
    member.save(update_fields=["exempt", "exempt_reason", "updated_at"])
    audit.record(
        actor=by,
        action="member.exemption",
        obj=member,
        before=before,
        after=audit.snapshot(member, MEMBER_FIELDS),
    )
    return member


@transaction.atomic
def member_move(
    *, member: PartyMember, organisation: Organisation, on: dt.date, by: Actor
) -> MemberPlacement:
    """Move a member to another cell from `on`: the open placement ends the day before."""
    current = member.placements.select_for_update().filter(valid_to__isnull=True).first()
    policy.require(by, "member.manage", organisation)
    if current is not None:
        policy.require(by, "member.manage", current.organisation)
        if current.organisation_id == organisation.pk:
            raise ValidationError({"organisation": _("The member is already in this cell.")})
        if on <= current.valid_from:
            raise ValidationError(
                {
                    "on": _("The move must come after %(day)s.")
                    % {"day": short_date(current.valid_from)}
                }
            )
    _check_cell(organisation, on)
    if current is not None:
        current.valid_to = on - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    placement = MemberPlacement.objects.create(
        member=member, organisation=organisation, valid_from=on
    )
    audit.record(
        actor=by,
        action="member.move",
        obj=member,
        before={"organisation": current.organisation_id if current else None},
        after={"organisation": organisation.pk, "on": on.isoformat()},
    )
    return placement


@transaction.atomic
def members_follow_succession(
    *, predecessor: Organisation, successor: Organisation, on: dt.date, by: Actor
) -> int:
    """A reorganisation: the members still placed in `predecessor` (ended) pass to `successor`
    on `on`; their history in the predecessor stays. Returns how many moved."""
    policy.require(by, "member.manage", successor)
    policy.require(by, "member.manage", predecessor)
    _check_cell(successor, on)
    open_ = MemberPlacement.objects.select_for_update().filter(
        organisation=predecessor, valid_to__isnull=True, valid_from__lt=on
    )
    moved = list(open_.values_list("member_id", flat=True))
    open_.update(valid_to=on - dt.timedelta(days=1))
    MemberPlacement.objects.bulk_create(
        MemberPlacement(member_id=pk, organisation=successor, valid_from=on) for pk in moved
    )
    audit.record(
        actor=by,
        action="member.follow_succession",
        obj=successor,
        after={"predecessor": predecessor.pk, "members": len(moved), "on": on.isoformat()},
    )
    return len(moved)


@dataclass(frozen=True)
class FollowResult:
    moved: int
    # Ended organisations whose members stay put: several successors (or none) to choose from.
    undecided: list[Organisation]


@transaction.atomic
def members_follow_reorganisations(*, by: Actor, on: dt.date | None = None) -> FollowResult:
    """Carry members through the tree's reorganisations: the members still placed in an
    organisation that has ended (by `on`, default today) pass to its successor on the day after
    its end, when the successor is clear (one link of kind "whole", or a single successor). The
    others are listed for the office to move by hand (`member_move`)."""
    day = on or today()
    ended = Organisation.objects.filter(
        valid_to__lt=day,
        pk__in=MemberPlacement.objects.filter(valid_to__isnull=True).values("organisation_id"),
    )
    moved = 0
    undecided = []
    for org in ended:
        links = list(Succession.objects.filter(predecessor=org).select_related("successor"))
        whole = [link for link in links if link.kind == SuccessionKind.WHOLE]
        target = whole[0] if len(whole) == 1 else (links[0] if len(links) == 1 else None)
        if target is None or org.valid_to is None:
            undecided.append(org)
            continue
        moved += members_follow_succession(
            predecessor=org,
            successor=target.successor,
            on=org.valid_to + dt.timedelta(days=1),
            by=by,
        )
    return FollowResult(moved=moved, undecided=undecided)


# --- rounds --------------------------------------------------------------------------------------


def criteria_set_for(kind: str, day: dt.date) -> CriteriaSet:
    """The set in force on `day` for `kind`; before any recorded regulation, the oldest one
    (record the earlier regulation as a set of its own to be exact)."""
    sets = CriteriaSet.objects.filter(subject_kind=kind)
    in_force = (
        sets.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    found = in_force or sets.order_by("valid_from").first()
    if found is None:
        raise ValidationError(_("There is no criteria set for %(kind)s.") % {"kind": kind})
    return found


@transaction.atomic
def criteria_defaults_install() -> int:
    """Install the criteria sets of Quy định 366-QĐ/TW when they are missing (the data migration
    normally has); returns how many sets were created."""
    created = 0
    for code, name, kind, criteria in regulations.SETS:
        criteria_set, new = CriteriaSet.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "regulation": regulations.REGULATION,
                "subject_kind": kind,
                "valid_from": regulations.IN_FORCE,
            },
        )
        created += int(new)
        for position, (part, number, text, max_score) in enumerate(criteria, start=1):
            Criterion.objects.get_or_create(
                criteria_set=criteria_set,
                position=position,
                defaults={"part": part, "number": number, "text": text, "max_score": max_score},
            )
    return created


@transaction.atomic
def round_create(
    *,
    committee: Organisation,
    kind: str,
    year: int,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    by: Actor,
    number: int | None = None,
    advising_body: Organisation | None = None,
    quota_percent: int = 20,
) -> Round:
    """Open a round of `committee` over the period `starts_on`–`ends_on`."""
    policy.require(
        by,
        "round.create",
        committee,
        message=_("Only the committee's office opens an evaluation round."),
    )
    round_ = Round(
        committee=committee,
        kind=kind,
        year=year,
        number=number,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        advising_body=advising_body,
        quota_percent=quota_percent,
        created_by=audit.actor_or_none(by),
    )
    errors: dict[str, list[str]] = {}
    if ends_on < starts_on:
        errors["ends_on"] = [_("The round cannot end before it starts.")]
    if kind == RoundKind.QUARTER and number not in (1, 2, 3, 4):
        errors["number"] = [_("Give the quarter (1–4).")]
    if advising_body is not None and not advising_body.path.startswith(committee.path):
        errors["advising_body"] = [_("The advising body must be one of the committee's bodies.")]
    if errors:
        raise ValidationError(errors)
    round_.full_clean()
    round_.save()
    audit.record(
        actor=by, action="round.create", obj=round_, after=audit.snapshot(round_, ROUND_FIELDS)
    )
    return round_


def _new_evaluation(
    round_: Round, kind: str, organisation: Organisation, **fields: Any
) -> Evaluation:
    return Evaluation(
        round=round_,
        subject_kind=kind,
        organisation=organisation,
        path=organisation.path,
        criteria_set=criteria_set_for(kind, round_.ends_on),
        **fields,
    )


@transaction.atomic
def round_add_subjects(
    *,
    round: Round,
    by: Actor,
    grassroots: Iterable[Organisation] | None = None,
    bodies: Iterable[Organisation] = (),
) -> int:
    """Add the subjects: each grassroots organisation (default: the Party organisations directly
    under the committee on the round's day) with the Party organisations under it, and every
    member placed in them that day (not those exempt from activities). Subjects already in the
    round are kept. Returns how many were added. `bodies` adds the committee's own bodies
    (boards, office) as collectives."""
    round_ = round
    policy.require(by, "round.manage", round_)
    day = round_.ends_on
    existing = organisations_on(day).filter(kind=OrgKind.PARTY)
    if grassroots is None:
        roots = list(existing.filter(parent=round_.committee))
    else:
        roots = list(grassroots)
        for org in roots:
            if not org.path.startswith(round_.committee.path) or org.pk == round_.committee_id:
                raise ValidationError(
                    _("%(name)s is not under %(committee)s.")
                    % {"name": org.name, "committee": round_.committee.name}
                )
    have_orgs = set(
        round_.evaluations.filter(subject_kind=SubjectKind.COLLECTIVE).values_list(
            "organisation_id", flat=True
        )
    )
    have_members = set(round_.evaluations.exclude(member=None).values_list("member_id", flat=True))
    new: list[Evaluation] = []
    for root in roots:
        subtree = list(existing.filter(path__startswith=root.path))
        for org in subtree:
            if org.pk not in have_orgs:
                new.append(_new_evaluation(round_, SubjectKind.COLLECTIVE, org, grassroots=root))
                have_orgs.add(org.pk)
        by_pk = {org.pk: org for org in subtree}
        placements = (
            MemberPlacement.objects.filter(organisation_id__in=by_pk, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("member")
        )
        for placement in placements:
            member = placement.member
            # Members exempt from activities self-review but are not graded (our reading of the
            # guidance; the register keeps the reason).
            if member.pk in have_members or member.joined_on > day or member.exempt:
                continue
            new.append(
                _new_evaluation(
                    round_,
                    member.subject_kind,
                    by_pk[placement.organisation_id],
                    member=member,
                    grassroots=root,
                    is_head=member.heads_cell,
                )
            )
            have_members.add(member.pk)
    for body in bodies:
        if not body.path.startswith(round_.committee.path) or body.pk == round_.committee_id:
            raise ValidationError(
                _("%(name)s is not under %(committee)s.")
                % {"name": body.name, "committee": round_.committee.name}
            )
        if body.pk not in have_orgs:
            new.append(_new_evaluation(round_, SubjectKind.COLLECTIVE, body))
            have_orgs.add(body.pk)
    Evaluation.objects.bulk_create(new, batch_size=1000)
    audit.record(actor=by, action="round.add_subjects", obj=round_, after={"added": len(new)})
    return len(new)


# --- the three steps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreInput:
    score: object
    note: str = ""
    evidence: str = ""


def _parse_score(raw: object, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(
            _("Criterion %(number)s: “%(value)s” is not a number.")
            % {"number": criterion.number, "value": raw}
        )
    if value < 0:
        raise ValidationError(
            _("Criterion %(number)s: a score cannot be negative.") % {"number": criterion.number}
        )
    if value > criterion.max_score:
        raise ValidationError(
            _("Criterion %(number)s: %(score)s points is above its maximum of %(max)s.")
            % {
                "number": criterion.number,
                "score": _points(value),
                "max": _points(criterion.max_score),
            }
        )
    return value.quantize(Decimal("0.01"))


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _check_day(evaluation: Evaluation, on: dt.date, after: dt.date | None, step: str) -> None:
    if on < evaluation.round.starts_on:
        raise ValidationError(
            {"on": _("The %(step)s cannot be dated before the round's period.") % {"step": step}}
        )
    if after is not None and on < after:
        raise ValidationError(
            {
                "on": _("The %(step)s cannot be dated before the previous step (%(day)s).")
                % {"step": step, "day": short_date(after)}
            }
        )


def _check_signer(signer: str) -> str:
    signer = signer.strip()
    if not signer:
        raise ValidationError({"signer": _("Name the person who signs this step.")})
    return signer


def _locked(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related(
            "round",
            "round__committee",
            "round__advising_body",
            "organisation",
            "member",
            "grassroots",
            "criteria_set",
            "decided_level",
        )
        .get(pk=evaluation.pk)
    )


def _check_round_open(evaluation: Evaluation) -> None:
    if evaluation.round.is_issued:
        raise ValidationError(
            _("The round's decision has been issued: its evaluations can no longer change.")
        )


@transaction.atomic
def self_assess(
    *,
    evaluation: Evaluation,
    scores: Mapping[int, ScoreInput],
    signer: str,
    on: dt.date,
    by: Actor,
    note: str = "",
    conditions: grading.Conditions | None = None,
) -> Evaluation:
    """Step 1: a score for every criterion of the subject's set (0 … the criterion's maximum).
    Repeatable until the appraisal; nothing is written when one score is wrong."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.self_assess",
        evaluation,
        message=_("Only the subject (or its unit on its behalf) assesses itself."),
    )
    _check_round_open(evaluation)
    if evaluation.stage not in (Stage.PENDING, Stage.SELF_ASSESSED):
        raise ValidationError(
            _("The self-assessment is closed: the evaluation is already %(stage)s.")
            % {"stage": evaluation.get_stage_display().lower()}
        )
    signer = _check_signer(signer)
    _check_day(evaluation, on, None, _("self-assessment"))
    criteria = list(evaluation.criteria_set.criteria.all())
    errors: list[str] = []
    parsed: dict[int, Decimal] = {}
    for criterion in criteria:
        given = scores.get(criterion.pk)
        if given is None or str(given.score).strip() == "":
            errors.append(_("Criterion %(number)s has no score.") % {"number": criterion.number})
            continue
        try:
            parsed[criterion.pk] = _parse_score(given.score, criterion)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"scores": errors})
    before = audit.snapshot(evaluation, STEP_FIELDS["self"])
    Score.objects.filter(evaluation=evaluation).delete()
    Score.objects.bulk_create(
        Score(
            evaluation=evaluation,
            criterion=criterion,
            self_score=parsed[criterion.pk],
            note=scores[criterion.pk].note.strip()[:500],
            evidence=scores[criterion.pk].evidence.strip()[:500],
        )
        for criterion in criteria
    )
    conditions = conditions or grading.Conditions()
    total = sum(parsed.values(), Decimal(0))
    result = grading.grade_for(total, evaluation.criteria_set, evaluation.subject_kind, conditions)
    evaluation.self_total = total
    evaluation.self_grade = result.grade
    evaluation.self_note = note.strip()
    evaluation.self_signer = signer
    evaluation.self_on = on
    evaluation.self_by = audit.actor_or_none(by)
    evaluation.tasks_all_on_time = conditions.tasks_all_on_time
    evaluation.tasks_exceeding = conditions.tasks_exceeding
    evaluation.disciplined = conditions.disciplined
    evaluation.shortcomings_remedied = conditions.shortcomings_remedied
    evaluation.stage = Stage.SELF_ASSESSED
    evaluation.full_clean()
    evaluation.save()
    audit.record(
        actor=by,
        action="evaluation.self_assess",
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, STEP_FIELDS["self"]),
    )
    return evaluation


@transaction.atomic
def appraise(
    *,
    evaluation: Evaluation,
    signer: str,
    on: dt.date,
    by: Actor,
    scores: Mapping[int, object] | None = None,
    proposed_grade: str = "",
    note: str = "",
    conditions: grading.Conditions | None = None,
) -> Evaluation:
    """Step 2: the advising body checks the scores (keeping the self-assessed ones unless it
    gives others) and the conditions, and proposes a grade no better than they allow."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.appraise",
        evaluation,
        message=_("Only the advising body appraises and proposes."),
    )
    _check_round_open(evaluation)
    if evaluation.stage == Stage.PENDING:
        raise ValidationError(_("Cannot appraise before the self-assessment."))
    if evaluation.stage == Stage.DECIDED:
        raise ValidationError(_("The evaluation is already decided; reopen it first."))
    signer = _check_signer(signer)
    _check_day(evaluation, on, evaluation.self_on, _("appraisal"))
    rows = list(evaluation.scores.select_related("criterion"))
    errors: list[str] = []
    for row in rows:
        raw = (scores or {}).get(row.criterion_id)
        if raw is None or str(raw).strip() == "":
            row.appraised_score = row.self_score
            continue
        try:
            row.appraised_score = _parse_score(raw, row.criterion)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"scores": errors})
    conditions = conditions or grading.Conditions(
        tasks_all_on_time=evaluation.tasks_all_on_time,
        tasks_exceeding=evaluation.tasks_exceeding,
        disciplined=evaluation.disciplined,
        shortcomings_remedied=evaluation.shortcomings_remedied,
    )
    total = sum((row.appraised_score or Decimal(0) for row in rows), Decimal(0))
    allowed = grading.grade_for(total, evaluation.criteria_set, evaluation.subject_kind, conditions)
    grade = proposed_grade or allowed.grade
    if grade not in Grade.values:
        raise ValidationError({"proposed_grade": _("Choose a grade.")})
    if grading.is_better(grade, allowed.grade):
        raise ValidationError(
            {
                "proposed_grade": _(
                    "%(points)s points and the conditions allow at most “%(grade)s”."
                )
                % {"points": _points(total), "grade": Grade(allowed.grade).label}
                + (" " + " ".join(allowed.reasons) if allowed.reasons else "")
            }
        )
    before = audit.snapshot(evaluation, STEP_FIELDS["appraisal"])
    Score.objects.bulk_update(rows, ["appraised_score"])
    evaluation.appraised_total = total
    evaluation.proposed_grade = grade
    evaluation.appraisal_note = note.strip()
    evaluation.appraisal_signer = signer
    evaluation.appraised_on = on
    evaluation.appraised_by = audit.actor_or_none(by)
    evaluation.tasks_all_on_time = conditions.tasks_all_on_time
    evaluation.tasks_exceeding = conditions.tasks_exceeding
    evaluation.disciplined = conditions.disciplined
    evaluation.shortcomings_remedied = conditions.shortcomings_remedied
    evaluation.stage = Stage.APPRAISED
    evaluation.full_clean()
    evaluation.save()
    audit.record(
        actor=by,
        action="evaluation.appraise",
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, STEP_FIELDS["appraisal"]),
    )
    return evaluation


def _check_order(evaluation: Evaluation, grade: str) -> None:
    """Lower organisations before higher; the collective before its members; a head no better
    than their unit."""
    round_ = evaluation.round
    if evaluation.subject_kind == SubjectKind.COLLECTIVE:
        waiting = (
            Evaluation.objects.filter(
                round=round_,
                subject_kind=SubjectKind.COLLECTIVE,
                path__startswith=evaluation.path,
            )
            .exclude(pk=evaluation.pk)
            .exclude(stage=Stage.DECIDED)
            .select_related("organisation")
            .first()
        )
        if waiting is not None:
            raise ValidationError(
                _("Decide %(lower)s first: lower organisations are decided before higher ones.")
                % {"lower": waiting.organisation.name}
            )
        return
    unit = Evaluation.objects.filter(
        round=round_, subject_kind=SubjectKind.COLLECTIVE, organisation=evaluation.organisation
    ).first()
    if unit is None:
        return
    if unit.stage != Stage.DECIDED:
        raise ValidationError(
            _("Decide the collective of %(unit)s before its members.")
            % {"unit": evaluation.organisation.name}
        )
    if evaluation.is_head and grading.is_better(grade, unit.grade):
        raise ValidationError(
            {
                "grade": _("The head of %(unit)s cannot be graded above the unit (“%(grade)s”).")
                % {"unit": evaluation.organisation.name, "grade": Grade(unit.grade).label}
            }
        )


def _quota_counts(evaluation: Evaluation) -> tuple[int, int]:
    """Excellent and good members already decided in the evaluation's grassroots organisation."""
    decided = Evaluation.objects.filter(
        round=evaluation.round,
        grassroots=evaluation.grassroots,
        subject_kind__in=INDIVIDUAL_KINDS,
        stage=Stage.DECIDED,
    ).exclude(pk=evaluation.pk)
    excellent = decided.filter(grade=Grade.EXCELLENT).count()
    good = decided.filter(grade=Grade.GOOD).count()
    return excellent, good


@transaction.atomic
def decide(
    *,
    evaluation: Evaluation,
    signer: str,
    on: dt.date,
    by: Actor,
    grade: str = "",
    note: str = "",
    quota_exception: str = "",
) -> Evaluation:
    """Step 3: the competent level grades the subject (the proposal unless it says otherwise, and
    never better than the proposal). A member graded excellent beyond the quota needs the
    competent level's reason for the exception."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.decide",
        evaluation,
        message=_("Only a leader of the competent level decides the grade."),
    )
    _check_round_open(evaluation)
    if evaluation.stage in (Stage.PENDING, Stage.SELF_ASSESSED):
        raise ValidationError(
            _("Cannot decide before the advising body has appraised and proposed a grade.")
        )
    if evaluation.stage == Stage.DECIDED:
        raise ValidationError(_("The evaluation is already decided; reopen it first."))
    signer = _check_signer(signer)
    _check_day(evaluation, on, evaluation.appraised_on, _("decision"))
    grade = grade or evaluation.proposed_grade
    if grade not in Grade.values:
        raise ValidationError({"grade": _("Choose a grade.")})
    if grading.is_better(grade, evaluation.proposed_grade):
        raise ValidationError(
            {
                "grade": _("The decision cannot grade above the proposal (“%(grade)s”).")
                % {"grade": Grade(evaluation.proposed_grade).label}
            }
        )
    _check_order(evaluation, grade)
    quota_exception = quota_exception.strip()
    if evaluation.subject_kind in INDIVIDUAL_KINDS and grade == Grade.EXCELLENT:
        excellent, good = _quota_counts(evaluation)
        percent = evaluation.round.quota_percent
        if grading.breaks_quota(excellent + 1, good, percent) and not quota_exception:
            raise ValidationError(
                {
                    "quota_exception": _(
                        "Over the quota: with %(name)s, %(n)s members of %(org)s would be graded "
                        "excellent, where at most %(percent)s%% of those graded good or better "
                        "(%(limit)s of %(total)s) may be. Grade lower, or give the reason for an "
                        "exception."
                    )
                    % {
                        "name": evaluation.subject_name,
                        "n": excellent + 1,
                        "org": evaluation.grassroots.name if evaluation.grassroots else "",
                        "percent": percent,
                        "limit": grading.quota_limit(excellent + 1 + good, percent),
                        "total": excellent + 1 + good,
                    }
                }
            )
    else:
        quota_exception = ""
    level = (
        permissions.competent_level(evaluation)
        if isinstance(by, policy.SystemActor)
        else permissions.deciding_level(by, evaluation)
    )
    before = audit.snapshot(evaluation, STEP_FIELDS["decision"])
    evaluation.grade = grade
    evaluation.decision_note = note.strip()
    evaluation.quota_exception = quota_exception
    evaluation.decision_signer = signer
    evaluation.decided_on = on
    evaluation.decided_by = audit.actor_or_none(by)
    evaluation.decided_level = level
    evaluation.stage = Stage.DECIDED
    evaluation.full_clean()
    evaluation.save()
    summaries.apply(evaluation, grade, 1)
    audit.record(
        actor=by,
        action="evaluation.decide",
        obj=evaluation,
        before=before,
        after=audit.snapshot(evaluation, STEP_FIELDS["decision"]),
    )
    return evaluation


@transaction.atomic
def reopen(*, evaluation: Evaluation, reason: str, by: Actor) -> Evaluation:
    """Undo a decision (back to the appraisal), by the level that decided, with a reason."""
    evaluation = _locked(evaluation)
    policy.require(
        by,
        "evaluation.reopen",
        evaluation,
        message=_("Only the level that decided can reopen the decision."),
    )
    _check_round_open(evaluation)
    if evaluation.stage != Stage.DECIDED:
        raise ValidationError(_("Only a decided evaluation can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    before = audit.snapshot(evaluation, STEP_FIELDS["decision"])
    summaries.apply(evaluation, evaluation.grade, -1)
    evaluation.stage = Stage.APPRAISED
    evaluation.grade = ""
    evaluation.quota_exception = ""
    evaluation.decision_signer = ""
    evaluation.decided_on = None
    evaluation.decided_by = None
    evaluation.decided_level = None
    evaluation.decision_note = ""
    evaluation.save()
    audit.record(
        actor=by,
        action="evaluation.reopen",
        obj=evaluation,
        before=before,
        after={**audit.snapshot(evaluation, STEP_FIELDS["decision"]), "reason": reason.strip()},
    )
    return evaluation


# --- the decision and the report -----------------------------------------------------------------


@transaction.atomic
def round_issue(
    *, round: Round, signer_title: str, signer_name: str, on: dt.date, by: Actor
) -> Round:
    """Issue the round's decision: every subject decided, a number from the committee's register
    ("Số 12-QĐ/QU"), the DOCX (decision and summary table) kept as issued."""
    round_ = Round.objects.select_for_update().select_related("committee").get(pk=round.pk)
    policy.require(
        by, "round.manage", round_, message=_("Only the committee's office issues the decision.")
    )
    if round_.is_issued:
        raise ValidationError(_("The decision has already been issued."))
    waiting = round_.evaluations.exclude(stage=Stage.DECIDED).count()
    if waiting or not round_.evaluations.exists():
        raise ValidationError(
            _("%(n)s subjects are not decided yet: decide every one before issuing.")
            % {"n": waiting}
        )
    if on < round_.ends_on:
        raise ValidationError({"on": _("The decision is issued after the period it covers.")})
    signer_name = _check_signer(signer_name)
    number = allocate_number(
        issuer=round_.committee, type_code="QĐ", year=on.year, label=round_.title, by=by
    )
    figures = rollup(round_)
    document = decision_document(
        round_,
        number=number.number,
        on=on,
        signer_title=signer_title,
        signer_name=signer_name,
        figures=figures,
    )
    round_.decision_number = number
    round_.decision_on = on
    round_.decision_signer = signer_name
    round_.decision_docx = decision_docx(document, figures)
    round_.save(
        update_fields=[
            "decision_number",
            "decision_on",
            "decision_signer",
            "decision_docx",
            "updated_at",
        ]
    )
    audit.record(
        actor=by,
        action="round.issue",
        obj=round_,
        after={"number": str(number), "on": on.isoformat(), "signer": signer_name},
    )
    return round_


@transaction.atomic
def round_fill_report(*, round: Round, period: Any, by: Actor) -> dict[str, int]:
    """Put the round's counts into a period report's indicators of the same names (see
    `selectors.REPORT_INDICATORS`), as the contribution of the advising body (or the committee),
    through the reports app's own service. Returns the figures written."""
    policy.require(
        by, "round.manage", round, message=_("Only the committee's office fills the report.")
    )
    if period.committee_id != round.committee_id:
        raise ValidationError(_("The report belongs to another committee."))
    figures = report_figures(round)
    by_name = {i.name: i.pk for i in period.indicators.all()}
    values = {by_name[name]: value for name, value in figures.items() if name in by_name}
    if not values:
        raise ValidationError(
            _("The report has none of the evaluation indicators; add them to its outline first.")
        )
    unit = round.advising_body or round.committee
    contribution = period.contributions.filter(unit=unit).first()
    if contribution is None:
        (contribution,) = report_services.contributions_request(period=period, units=[unit], by=by)
    report_services.contribution_save(contribution=contribution, entries={}, values=values, by=by)
    audit.record(
        actor=by, action="round.fill_report", obj=round, after={"period": period.pk, **figures}
    )
    return {name: figures[name] for name in figures if name in by_name}
