"""The admin lists programmes and inspections read-only; discipline records are not in the
admin at all, since every read of them must be logged (see `selectors.get_discipline_for_user`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dangvu.inspection.models import Inspection, Programme


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "issuer", "year_from", "year_to"]
    list_select_related = ["issuer"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "issuer", "decided_on", "state"]
    list_filter = ["kind", "state"]
    list_select_related = ["issuer"]
