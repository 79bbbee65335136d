from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The signed-in user's home: what to do next, gathered from every app's selectors. It sits
    at the top of the import graph (it reads reports, meetings and assignments; nothing reads it),
    so that `core` stays below every domain app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dangvu.workspace"
    verbose_name = _("Workspace")
