from django.contrib import admin

from dangvu.assignments.models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Read-only: tasks change through the services behind the task pages."""

    list_display = ["content", "committee", "lead_unit", "deadline", "published_at"]
    list_filter = ["source_kind", "priority"]
    search_fields = ["content", "source_reference"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
