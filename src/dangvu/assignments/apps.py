from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "dangvu.assignments"
    label = "assignments"
    verbose_name = _("Tasks")

    def ready(self) -> None:
        from dangvu.assignments import permissions  # noqa: F401  (declares the app's actions)
