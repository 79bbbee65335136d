from django.contrib import admin

from dangvu.assignments.models import Task
from dangvu.core.admin import ReadOnlyAdminMixin


@admin.register(Task)
class TaskAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: tasks change through the services behind the task pages."""

    list_display = ["content", "committee", "lead_unit", "deadline", "published_at"]
    list_filter = ["source_kind", "priority"]
    search_fields = ["content", "source_reference"]
