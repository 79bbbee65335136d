from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "dangvu.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from dangvu.documents import checks  # noqa: F401 - registers the start-up check
