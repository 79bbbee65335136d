from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "dangvu.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from dangvu.notifications import checks, permissions  # noqa: F401  (registers them)
        from dangvu.notifications.targets import forget_deleted_targets

        forget_deleted_targets()
