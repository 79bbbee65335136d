from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "dangvu.org"
    label = "org"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from dangvu.org import permissions  # noqa: F401 - declares the org actions
