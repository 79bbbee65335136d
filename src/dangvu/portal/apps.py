from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "dangvu.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from dangvu.portal import permissions  # noqa: F401  (declares the app's actions)
