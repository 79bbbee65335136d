"""Who may see and do what with inspection records: named actions over the organisation tree.

- The body that decides (`issuer`: the committee or its inspection commission) manages its
  programmes and inspections: its office staff, heads and administrators, and those of the levels
  above it (a membership applies to the organisation and everything under it).
- The committee's office, heads, leaders and administrators read its programmes and inspections;
  the subject's office, heads and leaders read the inspections of their organisation, and its
  office and heads record the subject's own report.
- Discipline records are sensitive: only the deciding level (the commission or committee and
  the levels above it), the level concerned (the organisation disciplined, or the member's
  organisation, and the levels above it) and the committee's inspection commission (for its
  committee's whole tree), in a role other than reporter. Everyone else gets a
  404 and every read is logged (`selectors.get_discipline_for_user`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q

from dangvu.core import policy
from dangvu.inspection.enums import Body
from dangvu.org.enums import Role
from dangvu.org.models import Organisation
from dangvu.org.scope import Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor

MANAGE_ROLES = frozenset({Role.OFFICE, Role.HEAD, Role.ADMIN})
READ_ROLES = frozenset({Role.OFFICE, Role.HEAD, Role.LEADER, Role.ADMIN})
SUBJECT_ROLES = frozenset({Role.OFFICE, Role.HEAD, Role.LEADER})
SUBJECT_REPORT_ROLES = frozenset({Role.OFFICE, Role.HEAD})
SENSITIVE_ROLES = READ_ROLES


def _issuer(obj: Any) -> Organisation | None:
    """The deciding body of a programme, inspection or recommendation, or the organisation
    itself (for a creation: the body that will decide)."""
    if isinstance(obj, Organisation):
        return obj
    inspection = getattr(obj, "inspection", None)
    if inspection is not None:
        return inspection.issuer
    return getattr(obj, "issuer", None)


def _committee(obj: Any) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    inspection = getattr(obj, "inspection", None)
    if inspection is not None:
        return inspection.committee
    return getattr(obj, "committee", None)


@rules.predicate
def manages_issuer(user: User, obj: Any) -> bool:
    return Scope.of(user).covers(_issuer(obj), MANAGE_ROLES)


@rules.predicate
def reads_committee(user: User, obj: Any) -> bool:
    scope = Scope.of(user)
    return scope.covers(_committee(obj), READ_ROLES) or scope.covers(_issuer(obj), READ_ROLES)


def _subject_paths(inspection: Any) -> list[str]:
    return [subject.organisation.path for subject in inspection.subjects.all()]


@rules.predicate
def reads_as_subject(user: User, inspection: Any) -> bool:
    scope = Scope.of(user)
    return any(scope.covers_path(path, SUBJECT_ROLES) for path in _subject_paths(inspection))


@rules.predicate
def reports_as_subject(user: User, inspection: Any) -> bool:
    scope = Scope.of(user)
    return any(scope.covers_path(path, SUBJECT_REPORT_ROLES) for path in _subject_paths(inspection))


def commission_committee_paths(user: Actor | AnonymousUser) -> list[str]:
    """Paths of the committees whose inspection commission the user works at (a sensitive role
    at an organisation that runs a committee's inspections as its commission): the commission
    reads the discipline records of its committee's whole tree."""
    from dangvu.inspection.models import Inspection, Programme

    paths = Scope.of(user).paths(SENSITIVE_ROLES)
    if not paths:
        return []
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(issuer__path__startswith=path)
    committees = set(
        Programme.objects.filter(condition, body=Body.COMMISSION).values_list(
            "committee__path", flat=True
        )
    ) | set(
        Inspection.objects.filter(condition, body=Body.COMMISSION).values_list(
            "committee__path", flat=True
        )
    )
    return sorted(committees)


@rules.predicate
def reads_discipline(user: User, record: Any) -> bool:
    scope = Scope.of(user)
    return (
        scope.covers(record.deciding_body, SENSITIVE_ROLES)
        or scope.covers(record.subject_organisation, SENSITIVE_ROLES)
        or any(record.committee.path.startswith(p) for p in commission_committee_paths(user))
    )


@rules.predicate
def decides_discipline(user: User, obj: Any) -> bool:
    """The deciding level's office, heads and administrators (or those above it)."""
    body = obj if isinstance(obj, Organisation) else obj.deciding_body
    return Scope.of(user).covers(body, MANAGE_ROLES)


@rules.predicate
def considers_complaint(user: User, complaint: Any) -> bool:
    return Scope.of(user).covers(complaint.considered_by, MANAGE_ROLES)


@rules.predicate
def uses_inspection(user: User, _obj: Any = None) -> bool:
    """Holds a role that reads inspection records somewhere (to show the menu and lists)."""
    return Scope.of(user).has_any(READ_ROLES)


@rules.predicate
def reads_statistics_of(user: User, organisation: Any) -> bool:
    """The statistics of an organisation's part of the tree: those who read inspection records
    there (held there or above), and the inspection commission of its committee."""
    if organisation is None:
        return False
    return Scope.of(user).covers(organisation, READ_ROLES) or any(
        organisation.path.startswith(p) for p in commission_committee_paths(user)
    )


policy.declare("inspection.use", uses_inspection)
policy.declare("inspection_statistics.read", reads_statistics_of)
policy.declare("inspection_programme.manage", manages_issuer)
policy.declare("inspection_programme.read", reads_committee)
policy.declare("inspection.create", manages_issuer)
policy.declare("inspection.manage", manages_issuer)
policy.declare("inspection.read", reads_committee | reads_as_subject)
policy.declare("inspection.subject_report", manages_issuer | reports_as_subject)
policy.declare("recommendation.follow", manages_issuer)
policy.declare("discipline.create", decides_discipline)
policy.declare("discipline.read", reads_discipline)
policy.declare("discipline.manage", decides_discipline)
# A complaint about a discipline decision is settled one level up, never by the body that decided.
policy.declare("complaint.decide", considers_complaint)


def manage_q(user: Actor | AnonymousUser, field: str = "issuer") -> Q:
    return Scope.of(user).q(field, MANAGE_ROLES)


def read_q(user: Actor | AnonymousUser) -> Q:
    """Inspections the user may read (committee, issuer, or a subject's organisation)."""
    scope = Scope.of(user)
    if scope.is_superuser:  # Q() | Q(x) would narrow to x
        return Q()
    return (
        scope.q("committee", READ_ROLES)
        | scope.q("issuer", READ_ROLES)
        | scope.q("subjects__organisation", SUBJECT_ROLES)
    )


def programme_read_q(user: Actor | AnonymousUser) -> Q:
    scope = Scope.of(user)
    if scope.is_superuser:
        return Q()
    return scope.q("committee", READ_ROLES) | scope.q("issuer", READ_ROLES)


def discipline_read_q(user: Actor | AnonymousUser) -> Q:
    scope = Scope.of(user)
    if scope.is_superuser:
        return Q()
    condition = scope.q("deciding_body", SENSITIVE_ROLES) | scope.q(
        "subject_organisation", SENSITIVE_ROLES
    )
    for path in commission_committee_paths(user):
        condition |= Q(committee__path__startswith=path)
    return condition
