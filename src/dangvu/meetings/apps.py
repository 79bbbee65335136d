from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from dangvu.meetings import permissions  # noqa: F401  (declares the app's actions)
