from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "dangvu.inspection"
    label = "inspection"
    verbose_name = _("Inspection and supervision")

    def ready(self) -> None:
        # The policy's actions are declared when the app loads; the period report's inspection
        # figures are computed from the records (see `report_figures.py`).
        from dangvu.inspection import permissions, report_figures  # noqa: F401

        report_figures.register()
