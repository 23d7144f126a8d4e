from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailLiveBlogIngestAppConfig(AppConfig):
    name = "wagtail_liveblog.ingest"
    label = "wagtail_liveblog_ingest"
    verbose_name = _("Live blog chat ingest")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401
