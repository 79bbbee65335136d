from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dangvu.core.models import AuditEntry


class ReadOnlyAdminMixin:
    """For models that change only through their services (which keep derived fields and the
    audit log right): the admin lists and shows them, and changes nothing."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log is read-only, even for superusers."""

    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "action"]
