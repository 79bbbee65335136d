from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from dangvu.core.db import refresh_after_migrate
        from dangvu.core.forms import install_input_gate

        install_input_gate()

        # Sent once per app; with `sender=self`, once per `migrate`.
        post_migrate.connect(refresh_after_migrate, sender=self, dispatch_uid="core.analyze")
