"""Reads of the register, scoped to what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.documents.models import DocumentNumber
from dangvu.org import permissions as org_permissions
from dangvu.org.enums import Role
from dangvu.org.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core.policy import Actor


def _reader_paths(user: Actor | AnonymousUser) -> list[str]:
    paths = list(org_permissions.manager_paths(user))
    paths += org_permissions.role_paths(user).get(Role.LEADER, [])
    return paths


def issuers_readable_by(user: Actor | AnonymousUser) -> QuerySet[Organisation]:
    """Issuers (organisations with an issuer code) whose register the user may read."""
    qs = Organisation.objects.exclude(issuer_code="").order_by("path")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    condition = Q(pk__in=[])
    for path in _reader_paths(user):
        condition |= Q(path__startswith=path)
    return qs.filter(condition)


def register_entries(
    user: Actor | AnonymousUser,
    *,
    issuer: Organisation,
    year: int | None = None,
    type_code: str = "",
) -> QuerySet[DocumentNumber]:
    """The register of `issuer` (empty when the user may not read it), newest first within a
    year, the stored files' bytes left unread."""
    if not issuers_readable_by(user).filter(pk=issuer.pk).exists():
        return DocumentNumber.objects.none()
    qs = DocumentNumber.objects.filter(issuer=issuer).select_related("issuer").defer("docx")
    if year is not None:
        qs = qs.filter(year=year)
    if type_code:
        qs = qs.filter(type_code=type_code)
    return qs.order_by("-year", "type_code", "-number")


def register_years(issuer: Organisation) -> list[int]:
    years = DocumentNumber.objects.filter(issuer=issuer).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def get_entry_for_user(user: Actor | AnonymousUser, pk: object) -> DocumentNumber:
    """One entry of a register the user may read; 404 otherwise."""
    try:
        entry = DocumentNumber.objects.select_related("issuer").get(
            pk=int(str(pk)), issuer__in=issuers_readable_by(user)
        )
    except (DocumentNumber.DoesNotExist, ValueError) as error:
        raise Http404 from error
    return entry
