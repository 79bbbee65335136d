from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = _("Period reports")

    def ready(self) -> None:
        from dangvu.reports import permissions  # noqa: F401  (declares the app's actions)
