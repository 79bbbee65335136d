"""Evaluation services for rounds, their criteria and their subjects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.evaluation import regulations
from dangvu.evaluation.enums import (
    RoundKind,
    SubjectKind,
)
from dangvu.evaluation.models import (
    CriteriaSet,
    Criterion,
    Evaluation,
    MemberPlacement,
    Round,
)
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation
from dangvu.org.selectors import organisations_on

from ._common import ROUND_FIELDS


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
