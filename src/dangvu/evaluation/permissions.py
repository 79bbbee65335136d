"""Who may do what in an evaluation round, declared once as named actions (`core.policy`).

- The register: a cell's reporters and heads read the members placed in their cell (and below);
  the committee's office and leaders read every member under it; a member reads their own record.
  Office staff and administrators keep the register under their organisation.
- Rounds: opened and issued by the committee's office; read by anyone holding a role in the
  committee's tree. Their figures go into a period report as the advising body's contribution,
  written by its reporters and heads (the reports app's own rule).
- Steps: the self-assessment by the subject (a collective's reporter or head; a member, or their
  cell's reporter or head, or the office typing in a paper form); the appraisal by the advising
  body (Ban Tổ chức), or the committee's office when the round names none; the decision by a
  leader of the competent level (the committee for organisations, the grassroots organisation
  for members); reopening only by the level that decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from dangvu.core import policy
from dangvu.evaluation.enums import SubjectKind
from dangvu.evaluation.models import Evaluation, PartyMember, Round
from dangvu.org.enums import Role
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor

MANAGERS = frozenset({Role.OFFICE, Role.ADMIN})
DECIDERS = frozenset({Role.LEADER, Role.ADMIN})
UNIT_WRITERS = frozenset({Role.REPORTER, Role.HEAD})
COMMITTEE_READERS = frozenset({Role.OFFICE, Role.LEADER, Role.ADMIN})


def _scope(user: Actor | AnonymousUser) -> Scope:
    return Scope.of(user)


def holds_role_under(user: Actor | AnonymousUser, organisation: Organisation) -> bool:
    """A role in the organisation's subtree or above it."""
    scope = _scope(user)
    return scope.covers(organisation) or any(p.startswith(organisation.path) for p in scope.paths())


def competent_level(evaluation: Evaluation) -> Organisation:
    """Who decides: the committee for organisations; the grassroots organisation for members."""
    if evaluation.subject_kind != SubjectKind.COLLECTIVE and evaluation.grassroots is not None:
        return evaluation.grassroots
    return evaluation.round.committee


def deciding_level(user: Actor | AnonymousUser, evaluation: Evaluation) -> Organisation | None:
    """The organisation at which `user`'s leading role covers the competent level (the nearest
    one), i.e. the level recorded as having decided. None when the user cannot decide."""
    level = competent_level(evaluation)
    scope = _scope(user)
    if scope.is_superuser and not scope.paths(DECIDERS):
        return level
    paths = [p for p in scope.paths(DECIDERS) if level.path.startswith(p)]
    if not paths:
        return None
    nearest = max(paths, key=len)
    org_id = int(nearest.strip("/").split("/")[-1])
    return level if level.pk == org_id else Organisation.objects.get(pk=org_id)


# --- predicates ------------------------------------------------------------------------------


@rules.predicate
def is_own_member(user: User, member: PartyMember) -> bool:
    return member.user_id is not None and member.user_id == user.pk


@rules.predicate
def covers_member(user: User, member: PartyMember) -> bool:
    """A role at or above one of the member's placements (current or past)."""
    scope = _scope(user)
    if scope.is_superuser:
        return True
    paths = [p.organisation.path for p in member.placements.all()]
    return any(scope.covers_path(path) for path in paths)


@rules.predicate
def manages_organisation(user: User, organisation: Organisation) -> bool:
    return _scope(user).covers(organisation, MANAGERS)


@rules.predicate
def manages_round(user: User, round_: Round) -> bool:
    return _scope(user).covers(round_.committee, MANAGERS)


@rules.predicate
def reads_round(user: User, round_: Round) -> bool:
    return holds_role_under(user, round_.committee) or bool(
        getattr(getattr(user, "party_member", None), "pk", None)
        and round_.evaluations.filter(member__user=user).exists()
    )


@rules.predicate
def reads_results(user: User, round_: Round) -> bool:
    scope = _scope(user)
    if scope.covers(round_.committee, COMMITTEE_READERS):
        return True
    return round_.advising_body is not None and scope.covers(round_.advising_body)


@rules.predicate
def fills_report(user: User, round_: Round) -> bool:
    """The round's figures go into a period report as the advising body's contribution: its
    writers (or the committee's office, who may ask for the contribution) start it."""
    scope = _scope(user)
    if scope.covers(round_.committee, MANAGERS):
        return True
    return round_.advising_body is not None and scope.covers(round_.advising_body, UNIT_WRITERS)


@rules.predicate
def assesses_self(user: User, evaluation: Evaluation) -> bool:
    scope = _scope(user)
    if evaluation.subject_kind == SubjectKind.COLLECTIVE:
        return scope.covers(evaluation.organisation, UNIT_WRITERS | MANAGERS)
    member = evaluation.member
    if member is not None and member.user_id is not None and member.user_id == user.pk:
        return True
    return scope.covers(evaluation.organisation, UNIT_WRITERS | MANAGERS)


@rules.predicate
def appraises(user: User, evaluation: Evaluation) -> bool:
    round_ = evaluation.round
    scope = _scope(user)
    if round_.advising_body is not None:
        return scope.covers(round_.advising_body, UNIT_WRITERS | MANAGERS)
    return scope.covers(round_.committee, MANAGERS)


@rules.predicate
def decides(user: User, evaluation: Evaluation) -> bool:
    return _scope(user).covers(competent_level(evaluation), DECIDERS)


@rules.predicate
def decided_here(user: User, evaluation: Evaluation) -> bool:
    """The reopening rule: a leading role held at the very level that decided."""
    level = evaluation.decided_level
    if level is None:
        return False
    scope = _scope(user)
    return (scope.is_superuser and not scope.paths(DECIDERS)) or level.path in scope.paths(DECIDERS)


@rules.predicate
def reads_round_results(user: User, evaluation: Evaluation) -> bool:
    return bool(reads_results(user, evaluation.round))


@rules.predicate
def covers_subject(user: User, evaluation: Evaluation) -> bool:
    """The subject's own unit (any role), e.g. a cell's head reading its members' evaluations."""
    return _scope(user).covers(evaluation.organisation)


policy.declare("member.read", is_own_member | covers_member)
policy.declare("member.manage", manages_organisation)
policy.declare("round.create", manages_organisation)
policy.declare("round.manage", manages_round)
policy.declare("round.read", reads_round)
policy.declare("round.results", reads_results)
policy.declare("round.fill_report", fills_report)
policy.declare(
    "evaluation.read", assesses_self | appraises | decides | reads_round_results | covers_subject
)
policy.declare("evaluation.self_assess", assesses_self)
policy.declare("evaluation.appraise", appraises)
policy.declare("evaluation.decide", decides)
policy.declare("evaluation.reopen", decided_here)
